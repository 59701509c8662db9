//! CPU time of a process from `/proc/<pid>/stat` (Linux), to tell how much of the machine the
//! server and the bench used during a measure.

use std::time::Duration;

/// Clock ticks per second of `/proc` times (`getconf CLK_TCK`; 100 on Linux).
const TICKS: f64 = 100.0;

/// User plus system CPU time of `pid` (`None`: this process) so far.
pub fn used(pid: Option<u32>) -> Option<Duration> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/stat"),
        None => "/proc/self/stat".to_owned(),
    };
    let stat = std::fs::read_to_string(path).ok()?;
    // The command name may hold spaces: count fields after its closing parenthesis, where
    // field 3 (state) starts; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_secs_f64((utime + stime) / TICKS))
}
