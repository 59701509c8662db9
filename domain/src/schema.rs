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
        avatar_id -> Nullable<Text>,
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
        banner_id -> Nullable<Text>,
        followers_version -> BigInt,
    }
}

diesel::joinable!(refresh_tokens -> accounts (account_id));
diesel::joinable!(account_tokens -> accounts (account_id));

diesel::table! {
    organizations (id) {
        id -> Text,
        slug -> Text,
        host -> Nullable<Text>,
        local -> Bool,
        kind -> Text,
        name -> Text,
        description -> Text,
        community_id -> Nullable<Text>,
        ap_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organization_members (organization_id, account_id) {
        organization_id -> Text,
        account_id -> Text,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    community_members (community_id, account_id) {
        community_id -> Text,
        account_id -> Text,
        role -> Text,
        follow_state -> Text,
        banned_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    channels (id) {
        id -> Text,
        community_id -> Text,
        slug -> Text,
        name -> Text,
        description -> Text,
        kind -> Text,
        visibility -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        ap_id -> Nullable<Text>,
    }
}

diesel::table! {
    channel_moderators (id) {
        id -> Text,
        channel_id -> Text,
        account_id -> Nullable<Text>,
        organization_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(organizations -> communities (community_id));
diesel::joinable!(organization_members -> organizations (organization_id));
diesel::joinable!(organization_members -> accounts (account_id));
diesel::joinable!(community_members -> communities (community_id));
diesel::joinable!(community_members -> accounts (account_id));
diesel::joinable!(channels -> communities (community_id));
diesel::joinable!(channel_moderators -> channels (channel_id));
diesel::joinable!(channel_moderators -> accounts (account_id));
diesel::joinable!(channel_moderators -> organizations (organization_id));
diesel::table! {
    posts (id) {
        id -> Text,
        channel_id -> Text,
        community_id -> Text,
        author_id -> Text,
        parent_id -> Nullable<Text>,
        title -> Text,
        body -> Text,
        body_html -> Text,
        locked -> Bool,
        pinned -> Bool,
        deleted_at -> Nullable<Timestamp>,
        removed_at -> Nullable<Timestamp>,
        ap_id -> Text,
        local -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_activity_at -> Timestamp,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        post_id -> Text,
        author_id -> Text,
        parent_id -> Nullable<Text>,
        body -> Text,
        body_html -> Text,
        deleted_at -> Nullable<Timestamp>,
        removed_at -> Nullable<Timestamp>,
        ap_id -> Text,
        local -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reactions (post_id, account_id) {
        post_id -> Text,
        account_id -> Text,
        kind -> Text,
        ap_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    search_outbox (seq) {
        seq -> BigInt,
        entity -> Text,
        entity_id -> Text,
        op -> Text,
        created_at -> Timestamp,
        txid -> BigInt,
    }
}

diesel::joinable!(posts -> channels (channel_id));
diesel::joinable!(posts -> accounts (author_id));
diesel::joinable!(comments -> posts (post_id));
diesel::joinable!(comments -> accounts (author_id));
diesel::joinable!(reactions -> posts (post_id));
diesel::joinable!(reactions -> accounts (account_id));

diesel::table! {
    reports (id) {
        id -> Text,
        reporter_id -> Text,
        community_id -> Text,
        channel_id -> Nullable<Text>,
        target_kind -> Text,
        target_id -> Text,
        reason -> Text,
        status -> Text,
        resolved_by -> Nullable<Text>,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    moderation_actions (id) {
        id -> Text,
        community_id -> Text,
        channel_id -> Nullable<Text>,
        moderator_id -> Text,
        action -> Text,
        target_kind -> Text,
        target_id -> Text,
        reason -> Text,
        expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(moderation_actions -> accounts (moderator_id));

diesel::table! {
    events (post_id) {
        post_id -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        all_day -> Bool,
        location_name -> Text,
        location_address -> Text,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        online_url -> Nullable<Text>,
        capacity -> Nullable<Integer>,
        cancelled_at -> Nullable<Timestamp>,
        cancel_reason -> Nullable<Text>,
    }
}

diesel::table! {
    rsvps (post_id, account_id) {
        post_id -> Text,
        account_id -> Text,
        status -> Text,
        ap_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(events -> posts (post_id));
diesel::joinable!(rsvps -> accounts (account_id));

diesel::table! {
    codesign_processes (post_id) {
        post_id -> Text,
        phase -> Text,
        outcome -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    codesign_choices (process_id, proposal_id) {
        process_id -> Text,
        proposal_id -> Text,
    }
}

diesel::joinable!(codesign_processes -> posts (post_id));

diesel::table! {
    notifications (id) {
        id -> Text,
        recipient_id -> Text,
        kind -> Text,
        actor_id -> Nullable<Text>,
        community_id -> Nullable<Text>,
        post_id -> Nullable<Text>,
        comment_id -> Nullable<Text>,
        detail -> Text,
        dedupe_key -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        mailed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_settings (account_id) {
        account_id -> Text,
        email -> Text,
        last_digest_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    business_listings (post_id) {
        post_id -> Text,
        organization_id -> Text,
        category -> Text,
        address -> Text,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        phone -> Nullable<Text>,
        website -> Nullable<Text>,
        email -> Nullable<Text>,
        time_zone -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    opening_hours (id) {
        id -> Text,
        post_id -> Text,
        weekday -> Integer,
        opens -> Text,
        closes -> Text,
    }
}

diesel::table! {
    offers (id) {
        id -> Text,
        post_id -> Text,
        title -> Text,
        description -> Text,
        valid_from -> Date,
        valid_until -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    media (id) {
        id -> Text,
        owner_id -> Text,
        purpose -> Text,
        content_type -> Text,
        width -> Integer,
        height -> Integer,
        bytes -> Integer,
        alt_text -> Text,
        storage_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(business_listings -> posts (post_id));
diesel::joinable!(business_listings -> organizations (organization_id));
diesel::joinable!(opening_hours -> business_listings (post_id));
diesel::joinable!(offers -> business_listings (post_id));

diesel::table! {
    post_media (post_id, media_id) {
        post_id -> Text,
        media_id -> Text,
        position -> Integer,
    }
}

diesel::joinable!(post_media -> posts (post_id));
diesel::joinable!(post_media -> media (media_id));

diesel::table! {
    instances (host) {
        host -> Text,
        blocked -> Bool,
        allowed -> Bool,
        software -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_success_at -> Nullable<Timestamp>,
        last_failure_at -> Nullable<Timestamp>,
        failures -> Integer,
        unreachable_since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    federation_settings (id) {
        id -> Integer,
        mode -> Text,
        public_key_pem -> Nullable<Text>,
        private_key_pem -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    received_activities (ap_id) {
        ap_id -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    federation_outbox (id) {
        id -> Text,
        subject -> Text,
        subject_id -> Text,
        op -> Text,
        actor_id -> Nullable<Text>,
        detail -> Text,
        created_at -> Timestamp,
        lock_token -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    outgoing_activities (id) {
        id -> Text,
        ap_id -> Text,
        kind -> Text,
        signer_ap_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    deliveries (id) {
        id -> Text,
        activity_id -> Text,
        inbox -> Text,
        host -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lock_token -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        gave_up_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(deliveries -> outgoing_activities (activity_id));

diesel::table! {
    accords (id) {
        id -> Text,
        community_id -> Text,
        ap_id -> Text,
        local -> Bool,
        state -> Text,
        title -> Text,
        summary -> Text,
        latest_version -> Integer,
        created_by -> Nullable<Text>,
        discussion_post_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    accord_versions (accord_id, number) {
        accord_id -> Text,
        number -> Integer,
        canonical -> Text,
        hash -> Text,
        previous_hash -> Nullable<Text>,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    signing_keys (id) {
        id -> Text,
        account_id -> Text,
        key_id -> Text,
        public_key_multibase -> Text,
        label -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    accord_signatures (id) {
        id -> Text,
        accord_id -> Text,
        version -> Integer,
        signer_id -> Text,
        key_id -> Text,
        organization_id -> Nullable<Text>,
        role -> Text,
        signatory -> Text,
        proof -> Text,
        created_at -> Timestamp,
        received_at -> Timestamp,
    }
}

diesel::joinable!(accords -> communities (community_id));
diesel::joinable!(accord_versions -> accords (accord_id));
diesel::joinable!(signing_keys -> accounts (account_id));
diesel::joinable!(accord_signatures -> accords (accord_id));
diesel::joinable!(accord_signatures -> signing_keys (key_id));
diesel::joinable!(accord_signatures -> accounts (signer_id));
diesel::joinable!(accord_signatures -> organizations (organization_id));

diesel::allow_tables_to_appear_in_same_query!(
    accounts,
    refresh_tokens,
    account_tokens,
    communities,
    organizations,
    organization_members,
    community_members,
    channels,
    channel_moderators,
    posts,
    comments,
    reactions,
    search_outbox,
    reports,
    moderation_actions,
    events,
    rsvps,
    codesign_processes,
    codesign_choices,
    notifications,
    notification_settings,
    business_listings,
    opening_hours,
    offers,
    media,
    post_media,
    instances,
    federation_settings,
    received_activities,
    federation_outbox,
    outgoing_activities,
    deliveries,
    accords,
    accord_versions,
    signing_keys,
    accord_signatures,
);
