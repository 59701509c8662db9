fn main() -> std::process::ExitCode {
    comune_server::cli::run()
}
