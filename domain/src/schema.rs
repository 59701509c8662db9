//! Diesel table definitions, shared by both backends (keep in step with `migrations/`).

diesel::table! {
    accounts (id) {
        id -> Text,
        username -> Text,
        host -> Nullable<Text>,
        local -> Bool,
        display_name -> Text,
        email -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        password_hash -> Nullable<Text>,
        locale -> Text,
        is_admin -> Bool,
        suspended_at -> Nullable<Timestamp>,
        ap_id -> Text,
        inbox_url -> Text,
        shared_inbox_url -> Nullable<Text>,
        public_key_pem -> Nullable<Text>,
        private_key_pem -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_fetched_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        account_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        replaced_by -> Nullable<Text>,
    }
}

diesel::table! {
    account_tokens (id) {
        id -> Text,
        account_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    communities (id) {
        id -> Text,
        slug -> Text,
        host -> Nullable<Text>,
        local -> Bool,
        name -> Text,
        description -> Text,
        ap_id -> Text,
        inbox_url -> Text,
        shared_inbox_url -> Nullable<Text>,
        public_key_pem -> Nullable<Text>,
        private_key_pem -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_fetched_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(refresh_tokens -> accounts (account_id));
diesel::joinable!(account_tokens -> accounts (account_id));
diesel::allow_tables_to_appear_in_same_query!(
    accounts,
    refresh_tokens,
    account_tokens,
    communities
);
