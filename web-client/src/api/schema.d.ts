// Generated from the server's OpenAPI document by `npm run api:types`. Do not edit.

export interface paths {
    "/api/v1/accords/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An accord: its state, newest version number, and what the caller may do with it. */
        get: operations["accords_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything needed to check the accord offline: `comune accord verify FILE` or the web
         *     client's own check.
         */
        get: operations["accords_bundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/signatures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signatures of an accord, oldest first. */
        get: operations["accords_signatures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an accord through its lifecycle; who may take each step is in `docs/accords.md`. */
        post: operations["accords_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of an accord, oldest first. */
        get: operations["accords_versions"];
        put?: never;
        /** A new version, superseding the newest (only while drafted or co-designed). */
        post: operations["accords_add_version"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/versions/{a}/diff/{b}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed from version `a` to version `b`: the text by line, the structure by item. */
        get: operations["accords_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/versions/{n}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version: what it says, its document, canonical form and hashes. */
        get: operations["accords_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accords/{id}/versions/{n}/signatures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign a version open for signature: a proof made on the signer's device with one of their
         *     registered keys, checked before it is kept.
         */
        post: operations["accords_sign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register a new account. A verification mail is sent; sign-in works once the address is
         *     confirmed.
         */
        post: operations["accounts_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/federation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The federation policy and the delivery queue (admins). */
        get: operations["federation_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/federation/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Known instances with their list membership and reachability (admins). */
        get: operations["federation_instances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/federation/instances/{host}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put an instance on, or take it off, the block and allow lists (admins). When the current
         *     mode then excludes it, the deliveries still waiting for it are given up.
         */
        put: operations["federation_set_instance"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/federation/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the federation policy (admins). Deliveries still waiting for hosts the new mode excludes
         *     are given up (shown as such in the queue's figures, with the reason).
         */
        put: operations["federation_set_policy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with username or email and password. */
        post: operations["auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session the refresh token belongs to, and its access tokens. */
        post: operations["auth_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password reset link. Answers 202 whether or not the address is registered. */
        post: operations["auth_password_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the code from the reset mail. Every session of the account ends. */
        post: operations["auth_password_reset_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair. Presenting a token that was already exchanged ends
         *     the whole session.
         */
        post: operations["auth_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an email address with the code from the verification mail. */
        post: operations["auth_verify_email"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the verification mail again. Answers 202 whether or not the address is registered. */
        post: operations["auth_resend_verification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel with its moderators. A members-only channel is not found for non-members. */
        get: operations["channels_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/moderators/{target}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Appoint a moderator: a person (`maria` or `user:maria`) or an organisation (`org:slug`),
         *     whose owners then moderate. The community's facilitators and admins only.
         */
        put: operations["channels_appoint_moderator"];
        post?: never;
        /** Remove a moderator. The community's facilitators and admins only. */
        delete: operations["channels_remove_moderator"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A channel's posts. Members-only channels answer 404 to non-members. */
        get: operations["posts_feed"];
        put?: never;
        /**
         * Post in a channel: members of its community; announcements by facilitators, admins and
         *     municipality staff.
         */
        post: operations["posts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One comment (empty text when deleted or removed). */
        get: operations["comments_get"];
        put?: never;
        post?: never;
        /** Delete a comment (its author). Its text is erased; replies keep their place. */
        delete: operations["comments_delete"];
        options?: never;
        head?: never;
        /** Edit a comment (its author, while the post is open to comments). */
        patch: operations["comments_edit"];
        trace?: never;
    };
    "/api/v1/communities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance's neighbourhoods, in slug order. */
        get: operations["communities_list"];
        put?: never;
        /** Create a neighbourhood (instance admins only). */
        post: operations["communities_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One neighbourhood, with its channels and counts. */
        get: operations["communities_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/accords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The accords of a community (drafts only for those who write them). */
        get: operations["accords_list"];
        put?: never;
        /** Draft an accord with its first version (facilitators, the municipality's people, admins). */
        post: operations["accords_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/banner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a community's banner (its facilitators and admins): one of the caller's own `banner`
         *     uploads.
         */
        put: operations["media_set_banner"];
        post?: never;
        /** Remove a community's banner (its facilitators and admins). */
        delete: operations["media_clear_banner"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channels of a neighbourhood the caller may see (members-only ones for members). */
        get: operations["channels_list"];
        put?: never;
        /** Create a channel (the community's facilitators and admins). */
        post: operations["channels_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/events.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public events of a community (from 30 days ago on), as an iCalendar feed. */
        get: operations["calendar_community"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/facilitators/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Appoint a facilitator (neighbourhood architect) of a community (admins only). */
        put: operations["communities_appoint_facilitator"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join a neighbourhood. Joining again changes nothing. */
        post: operations["communities_join"];
        /** Leave a neighbourhood (refused while banned from it). */
        delete: operations["communities_leave"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/modlog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The community's public moderation log, newest first. */
        get: operations["moderation_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/communities/{slug}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open reports the caller may handle: all of a community's for its facilitators and admins,
         *     those in their channels for channel moderators. Oldest first.
         */
        get: operations["moderation_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The instance's name, colour, default language and time zone. */
        get: operations["instance_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/listing-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fixed list of business categories. */
        get: operations["listings_categories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account. */
        get: operations["accounts_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the signed-in person's profile picture: one of their own `avatar` uploads. */
        put: operations["media_set_avatar"];
        post?: never;
        /** Remove the signed-in person's profile picture (the upload itself stays). */
        delete: operations["media_clear_avatar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's keys, newest first, revoked ones too. */
        get: operations["keys_list"];
        put?: never;
        /** Register a public key for signing accords. */
        post: operations["keys_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key: what it signed stays valid, it signs nothing more. */
        delete: operations["keys_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notification-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How the signed-in person is told by mail. */
        get: operations["notification_settings_get"];
        /** Changes how the signed-in person is told by mail. */
        put: operations["notification_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image. The file's format is read from its content (JPEG, PNG, WebP or GIF; not
         *     SVG), its EXIF orientation applied, and it is re-encoded (JPEG, or PNG when transparent)
         *     without any metadata: location, camera and dates are gone. Content images are resized to at
         *     most 2048 pixels a side and need alt text; avatars are cropped to a 512-pixel square; banners
         *     are at most 1600 pixels wide.
         */
        post: operations["media_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an image (its owner, or an instance admin): its file is removed, posts stop showing
         *     it, and an avatar or banner it was goes blank.
         */
        delete: operations["media_delete"];
        options?: never;
        head?: never;
        /** Change an image's alt text (its owner). */
        patch: operations["media_edit"];
        trace?: never;
    };
    "/api/v1/moderation/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a moderation action. It is logged publicly with its reason. */
        post: operations["moderation_act"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in person's notifications, newest first. */
        get: operations["notifications_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks notices read: the listed ones, or all. */
        post: operations["notifications_mark_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations, in slug order. */
        get: operations["organizations_list"];
        put?: never;
        /** Create an organisation; the caller becomes its owner. */
        post: operations["organizations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organisation with its members. */
        get: operations["organizations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{slug}/members/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a person to the organisation or change their role (owners and admins). */
        put: operations["organizations_set_member"];
        post?: never;
        /** Remove a person from the organisation (owners and admins; anyone may remove themselves). */
        delete: operations["organizations_remove_member"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One post. */
        get: operations["posts_get"];
        put?: never;
        post?: never;
        /** Delete a post (its author; a listing: its organisation's members and admins). */
        delete: operations["posts_delete"];
        options?: never;
        head?: never;
        /** Edit a post (its author; a listing: its organisation's members and admins). */
        patch: operations["posts_edit"];
        trace?: never;
    };
    "/api/v1/posts/{id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an event (its author or a moderator of its channel). */
        post: operations["posts_cancel_event"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A post's comments, oldest first; build the thread from `parent_id`. */
        get: operations["posts_comments"];
        put?: never;
        /** Comment on a post (members of its community; not on locked posts). */
        post: operations["posts_comment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/event.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event as an iCalendar file (to add it to a calendar). */
        get: operations["calendar_event"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A listing's offers: only the current ones, or every one with its state for the owning
         *     organisation's members and admins.
         */
        get: operations["listings_offers"];
        put?: never;
        /** Add an offer to a listing (its organisation's members and admins). */
        post: operations["listings_add_offer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/offers/{offer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an offer (its listing's organisation's members and admins). */
        delete: operations["listings_delete_offer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the decision of a co-design process, in its `decision` phase. */
        post: operations["posts_outcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/phase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a co-design process to its next phase (its channel's moderators and facilitators). */
        post: operations["posts_phase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The proposals of a co-design process, with their support. */
        get: operations["posts_proposals"];
        put?: never;
        /** Propose, during the `ideas` and `proposals` phases (members who may write). */
        post: operations["posts_propose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/reactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Like a post (support a proposal). Idempotent. */
        post: operations["posts_like"];
        /** Take a like back. Idempotent. */
        delete: operations["posts_unlike"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}/rsvp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attend an event: `going` while places remain, the waiting list after. Idempotent. */
        post: operations["posts_rsvp"];
        /** Withdraw from an event; the first on the waiting list takes the place. Idempotent. */
        delete: operations["posts_cancel_rsvp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a post, comment or person to the community's moderators. */
        post: operations["moderation_report"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find a person or community of another instance (fetching it when it is not known yet). */
        get: operations["federation_resolve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search. Members-only content is found only by members of its community (and admins), and
         *     never counted for anyone else.
         */
        get: operations["search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The page a notification mail's unsubscribe link opens: it asks to confirm with one button,
         *     because mail scanners follow links and must not unsubscribe anyone.
         */
        get: operations["unsubscribe_page"];
        put?: never;
        /**
         * Turns notification mail off (RFC 8058 one-click: mail clients POST here with
         *     `List-Unsubscribe=One-Click`; the body is not needed).
         */
        post: operations["unsubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccordOut: {
            /** @description The accord's ActivityPub id. */
            ap_id: string;
            /** @description Whether the caller may write versions while it is drafted or co-designed. */
            can_edit: boolean;
            /** Format: uuid */
            community_id: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: uuid
             * @description The post whose comments are the accord's discussion (from co-design on).
             */
            discussion_post_id?: string | null;
            /** Format: uuid */
            id: string;
            /** Format: int32 */
            latest_version: number;
            /** @description The states the caller may move it to now. */
            next_states: components["schemas"]["State"][];
            state: components["schemas"]["State"];
            summary: string;
            title: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description An account as anyone may see it. */
        AccountView: {
            /** @description The ActivityPub id. */
            actor_id: string;
            /** @description The profile picture (a path on this instance), if any. */
            avatar_url?: string | null;
            /** Format: date-time */
            created_at: string;
            display_name: string;
            /** Format: uuid */
            id: string;
            is_admin: boolean;
            locale: string;
            username: string;
        };
        ActorRef: {
            display_name: string;
            username: string;
        };
        AltChange: {
            /** @description The new alt text (not empty for content images). */
            alt: string;
        };
        AuthorView: {
            /** @description The author's profile picture (a path on this instance), if any. */
            avatar_url?: string | null;
            display_name: string;
            /** @description The username; `name@host` for people of other instances. */
            username: string;
        };
        Bundle: {
            accord: components["schemas"]["BundleAccord"];
            /** @description `comune-accord-bundle/1`. */
            format: string;
            /** @description The keys the signatures name. */
            keys: components["schemas"]["BundleKey"][];
            signatures: components["schemas"]["BundleSignature"][];
            /** @description Oldest first. */
            versions: components["schemas"]["BundleVersion"][];
        };
        BundleAccord: {
            exported_at: string;
            /** @description The accord's ActivityPub id: every version document names it. */
            id: string;
            state: string;
            title: string;
        };
        BundleKey: {
            /** @description The person's ActivityPub id. */
            controller: string;
            created_at: string;
            /** @description The `verificationMethod` id. */
            id: string;
            public_key_multibase: string;
            revoked_at?: string | null;
        };
        BundleSignature: {
            /** @description The Data Integrity proof. */
            proof: Record<string, never>;
            /** @description When the server received it (its word, not part of what was signed). */
            received_at: string;
            /** @description The signatory block, as signed. */
            signatory: Record<string, never>;
            /** Format: int32 */
            version: number;
        };
        BundleVersion: {
            /** @description The version document in its canonical form (RFC 8785), exactly as stored. */
            canonical: string;
            /** @description SHA-256 of `canonical`, hexadecimal. */
            hash: string;
            /** Format: int32 */
            number: number;
            previous_hash?: string | null;
        };
        Cancellation: {
            /** @description Told to everyone who answered. */
            reason: string;
        };
        CategoryLabels: {
            en: string;
            it: string;
        };
        CategoryOut: {
            /** @description Stable code, used in listings and in the feed's `category` filter. */
            code: string;
            /** @description In the signed-in person's language (Italian otherwise). */
            label: string;
            labels: components["schemas"]["CategoryLabels"];
        };
        ChannelDetail: components["schemas"]["ChannelView"] & {
            /** @description Whether the caller moderates this channel. False when not signed in. */
            can_moderate: boolean;
            /**
             * @description Whether the caller may start something here (a thread, an announcement, an event, a
             *     co-design process, a listing: by the channel's kind). False when not signed in.
             */
            can_post: boolean;
            /**
             * @description Appointed moderators besides the community's facilitators: `{kind, name}` with kind
             *     `person` (a username) or `organization` (a slug).
             */
            moderators: components["schemas"]["ModeratorView"][];
        };
        ChannelView: {
            /** @description The community's slug. */
            community: string;
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: uuid */
            id: string;
            /** @description `dialogue`, `events`, `codesign`, `businesses` or `announcements`. */
            kind: string;
            name: string;
            slug: string;
            /** @description `public` or `members`. */
            visibility: string;
        };
        /**
         * @description Every machine-readable error code the API answers with. Clients switch on these; never
         *     rename one.
         * @enum {string}
         */
        Code: "validation_failed" | "malformed_request" | "unsupported_media_type" | "payload_too_large" | "not_found" | "method_not_allowed" | "unauthorized" | "token_expired" | "invalid_credentials" | "email_not_verified" | "account_suspended" | "invalid_token" | "invalid_refresh_token" | "refresh_token_reused" | "forbidden" | "username_taken" | "email_taken" | "slug_taken" | "wrong_state" | "invalid_proof" | "already_signed" | "key_registered" | "rate_limited" | "unsupported_image" | "image_too_large" | "invalid_image" | "service_unavailable" | "internal_error";
        CommentChanges: {
            /** @description Markdown. */
            body: string;
        };
        CommentOut: {
            author: components["schemas"]["AuthorView"];
            /** @description Empty when `deleted`. */
            body: string;
            body_html: string;
            /** Format: date-time */
            created_at: string;
            /** @description Deleted by its author or removed by a moderator; kept so replies keep their place. */
            deleted: boolean;
            /** Format: uuid */
            id: string;
            object_id: string;
            /** Format: uuid */
            parent_id?: string | null;
            /** Format: uuid */
            post_id: string;
        };
        /** @description A community with what the caller may see of it. */
        CommunityDetail: components["schemas"]["CommunityView"] & {
            /** @description Channels visible to the caller (members-only ones for members). */
            channels: components["schemas"]["ChannelView"][];
            /** Format: int64 */
            member_count: number;
            /** @description The caller's role here (`member`, `facilitator`), or null. */
            my_role?: string | null;
        };
        CommunityRef: {
            name: string;
            slug: string;
        };
        CommunityView: {
            /** @description The ActivityPub id of the community's Group actor. */
            actor_id: string;
            /** @description The banner image (a path on this instance), if any. */
            banner_url?: string | null;
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
        };
        /** @description What a version says: its text and its structure. */
        Content: {
            /** Format: date */
            end_date: string;
            indicators: components["schemas"]["Indicator"][];
            parties: components["schemas"]["Party"][];
            projects: components["schemas"]["Project"][];
            /** Format: date */
            start_date: string;
            /** @description A sentence or two, shown in lists. */
            summary: string;
            /** @description The accord's text, in Markdown. */
            text: string;
            title: string;
        };
        CreateChannel: {
            description?: string;
            /** @description `dialogue`, `events`, `codesign`, `businesses` or `announcements`. */
            kind: string;
            /** @example Eventi del quartiere */
            name: string;
            /** @example eventi */
            slug: string;
            /** @description `public` (default) or `members`. */
            visibility?: string;
        };
        CreateCommunity: {
            description?: string;
            /** @example Santa Croce */
            name: string;
            /**
             * @description 2 to 40 characters: a-z, digits and inner hyphens; part of the community's address.
             * @example santa-croce
             */
            slug: string;
        };
        CreateOrganization: {
            /** @description The home neighbourhood's slug (required for a Consulta). */
            community?: string | null;
            description?: string;
            /**
             * @description `association`, `business`, `school` or `other` for anyone; `consulta` and `municipality`
             *     for admins.
             */
            kind: string;
            /** @example Orti di Ospizio APS */
            name: string;
            /** @example orti-ospizio */
            slug: string;
        };
        Decision: {
            /** @description Ids of the chosen proposals. */
            chosen?: string[];
            /** @description What was decided, and why. */
            outcome: string;
        };
        Diff: {
            /** @description Title, summary and dates that changed. */
            fields: components["schemas"]["FieldChange"][];
            indicators: components["schemas"]["Items"];
            parties: components["schemas"]["Items"];
            projects: components["schemas"]["Items"];
            /** @description Every line of the text: kept, removed or added. */
            text: components["schemas"]["Line"][];
        };
        EmailRequest: {
            email: string;
        };
        EventOut: {
            all_day: boolean;
            cancel_reason?: string | null;
            cancelled: boolean;
            /**
             * Format: int32
             * @description Null: no limit.
             */
            capacity?: number | null;
            /** Format: date-time */
            ends_at: string;
            ends_local: string;
            /** Format: int64 */
            going: number;
            location: components["schemas"]["LocationOut"];
            /** @description The caller's answer: `going`, `waitlist` or null. */
            my_rsvp?: string | null;
            online_url?: string | null;
            /** Format: date-time */
            starts_at: string;
            /** @description Start and end as wall-clock times in `time_zone` (`YYYY-MM-DDTHH:MM:SS`). */
            starts_local: string;
            /** @description The zone the event was planned in; show times in it. */
            time_zone: string;
            /** Format: int64 */
            waitlist: number;
        };
        FailingChange: {
            /** Format: int32 */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            id: string;
            last_error?: string | null;
            /** @description `create`, `update`, `delete` or `undo`. */
            op: string;
            /** @description What changed: `post`, `comment`, `reaction`, `rsvp`, `follow`, `moderation`, `report`. */
            subject: string;
            subject_id: string;
        };
        FederationStatus: {
            /**
             * @description Local changes whose turning into activities failed, most tried first (at most 20): each
             *     is tried again after a pause that doubles up to an hour, never dropped.
             */
            failing_changes: components["schemas"]["FailingChange"][];
            mode: string;
            queue: components["schemas"]["QueueStats"];
        };
        FieldChange: {
            after: Record<string, never>;
            before: Record<string, never>;
            field: string;
        };
        /** @description One reason a field was refused. */
        FieldErrorDoc: {
            /** @description Stable reason, e.g. `too_short`, `too_common`, `invalid`. */
            code: string;
            message: string;
        };
        /** @description One opening interval, as wall-clock times in the listing's zone. */
        HoursOut: {
            /**
             * @description `HH:MM`; at or before `opens` means the next day (`18:00` to `02:00`); `24:00` is the
             *     end of the day.
             */
            closes: string;
            /** @description `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`. */
            day: string;
            /** @description `HH:MM`. */
            opens: string;
        };
        /** @description An image as shown with a post. */
        ImageOut: {
            /** @description What the image shows: use it as the `alt` attribute. */
            alt: string;
            /** Format: int32 */
            height: number;
            /** Format: uuid */
            id: string;
            /** @description The file (a path on this instance, unguessable). */
            url: string;
            /** Format: int32 */
            width: number;
        };
        Indicator: {
            /** Format: double */
            baseline: number;
            key: string;
            name: string;
            /** @description The key of the project it measures, if one. */
            project?: string | null;
            /**
             * Format: double
             * @description (`targetValue` in the version document.)
             */
            target: number;
            /** @description What it is counted in ("participants", "%", "m²"). */
            unit: string;
        };
        InstanceOut: {
            /** @description The language for people who have not chosen one: `it` or `en`. */
            default_locale: string;
            /** @description Shown in the header and page titles, e.g. `Comune di Reggio Emilia`. */
            name: string;
            /**
             * @description The main colour, `#rrggbb`, with at least 4.5:1 contrast against white text; null for the
             *     client's default.
             */
            theme_color?: string | null;
            /** @description Where times are shown and events are planned (IANA name). */
            time_zone: string;
        };
        ItemChange: {
            fields: components["schemas"]["FieldChange"][];
            key: string;
        };
        Items: {
            added: Record<string, never>[];
            changed: components["schemas"]["ItemChange"][];
            removed: Record<string, never>[];
        };
        KeyOut: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** @description The `verificationMethod` of the proofs this key makes. */
            key_id: string;
            label: string;
            public_key_multibase: string;
            /** Format: date-time */
            revoked_at?: string | null;
        };
        Line: {
            /** @description `equal`, `delete` or `insert`. */
            op: string;
            text: string;
        };
        /**
         * @description Changes to a listing: absent fields stay as they are; `null` clears an optional field;
         *     `opening_hours` replaces all the hours. The owning organisation cannot change.
         */
        ListingChangesIn: {
            address?: string | null;
            category?: string | null;
            email?: string | null;
            /** Format: double */
            latitude?: number | null;
            /** Format: double */
            longitude?: number | null;
            opening_hours?: components["schemas"]["HoursOut"][] | null;
            phone?: string | null;
            time_zone?: string | null;
            website?: string | null;
        };
        /** @description A listing's fields when it is created. */
        ListingIn: {
            address?: string;
            /** @description A code from `GET /api/v1/listing-categories`. */
            category: string;
            email?: string | null;
            /** Format: double */
            latitude?: number | null;
            /** Format: double */
            longitude?: number | null;
            opening_hours?: components["schemas"]["HoursOut"][];
            /** @description The slug of the owning organisation (of kind `business`). */
            organization: string;
            phone?: string | null;
            /** @description IANA zone of the opening hours; the instance's by default. */
            time_zone?: string | null;
            /** @description An `http` or `https` address. */
            website?: string | null;
        };
        /** @description A business listing: shown on posts of businesses channels. */
        ListingOut: {
            address: string;
            category: string;
            email?: string | null;
            /** Format: double */
            latitude?: number | null;
            /** Format: double */
            longitude?: number | null;
            /** @description Offers valid today (in `time_zone`); expired and future ones are left out. */
            offers: components["schemas"]["OfferOut"][];
            /** @description Whether it is open at the time of the request, on the wall clock of `time_zone`. */
            open_now: boolean;
            /** @description Weekly hours, Monday first. */
            opening_hours: components["schemas"]["HoursOut"][];
            /** @description The owning organisation; its members edit the listing. */
            organization: components["schemas"]["OrganizationRef"];
            phone?: string | null;
            time_zone: string;
            website?: string | null;
        };
        LocationOut: {
            address?: string;
            /** Format: double */
            latitude?: number | null;
            /** Format: double */
            longitude?: number | null;
            name?: string;
        };
        LogEntryView: {
            action: string;
            /** Format: uuid */
            channel_id?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at?: string | null;
            /** Format: uuid */
            id: string;
            /** @description The moderator's username. */
            moderator: string;
            reason: string;
            /** @description A post's or comment's id, or an account's username. */
            target_id: string;
            target_kind: string;
        };
        LoginRequest: {
            /** @description Username or email address. */
            login: string;
            password: string;
        };
        MarkRead: {
            /** @description Mark every notice read instead. */
            all?: boolean;
            /** @description The notices to mark read. */
            ids?: string[] | null;
        };
        MarkedRead: {
            /** @description How many notices changed from unread to read. */
            marked: number;
            /** Format: int64 */
            unread_count: number;
        };
        /** @description The signed-in account, with what only its owner sees. */
        MeView: components["schemas"]["AccountView"] & {
            /** @description Neighbourhoods the account belongs to, with its role there. */
            communities: components["schemas"]["RoleIn"][];
            email: string;
            email_verified: boolean;
            /** @description Organisations the account belongs to, with their kind and its role there. */
            organizations: components["schemas"]["OrgRoleIn"][];
            /** @description Instance-wide roles: `admin`. */
            roles: string[];
        };
        MediaChoice: {
            /**
             * Format: uuid
             * @description One of the caller's own uploads with the right purpose (`avatar` or `banner`).
             */
            media_id: string;
        };
        /** @description An uploaded image. */
        MediaOut: {
            /** @description Alt text: what the image shows, for people who cannot see it. */
            alt: string;
            /**
             * Format: int32
             * @description Size of the stored file.
             */
            bytes: number;
            /** @description `image/jpeg` or `image/png`. */
            content_type: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int32 */
            height: number;
            /** Format: uuid */
            id: string;
            /** @description `avatar`, `banner` or `content`. */
            purpose: string;
            /**
             * @description Where the file is served (a path on this instance). Its last part is random: the address
             *     cannot be guessed, which is what keeps images of members-only posts private.
             * @example /media/3f/3f9c0a77d1e24b6a8c55f0e2b1d4a9e1.jpg
             */
            url: string;
            /** Format: int32 */
            width: number;
        };
        MemberView: {
            display_name: string;
            /** @description `owner` or `member`. */
            role: string;
            username: string;
        };
        MembershipView: {
            community: string;
            /** Format: date-time */
            joined_at: string;
            /** @description `member` or `facilitator`. */
            role: string;
        };
        ModeratorView: {
            kind: string;
            name: string;
        };
        NewAction: {
            /**
             * @description `remove`, `restore`, `lock`, `unlock`, `pin`, `unpin` (posts; comments: remove and
             *     restore), `ban`, `unban` (accounts).
             */
            action: string;
            /**
             * Format: date-time
             * @description When a ban ends; none means until lifted.
             */
            expires_at?: string | null;
            reason: string;
            target: components["schemas"]["TargetIn"];
        };
        NewComment: {
            /** @description Markdown. */
            body: string;
            /**
             * Format: uuid
             * @description The comment this one answers, if any.
             */
            parent_id?: string | null;
        };
        NewKey: {
            /** @description Which device or use it is for ("telefono", "ufficio"). */
            label?: string;
            /** @description The public key as a Multikey (`z6Mk…`). */
            public_key_multibase: string;
        };
        NewOffer: {
            description?: string;
            title: string;
            /** @description `YYYY-MM-DD`, the first day (in the listing's zone). */
            valid_from: string;
            /** @description `YYYY-MM-DD`, the last day; not before `valid_from`, at most a year later. */
            valid_until: string;
        };
        NewPost: {
            all_day?: boolean;
            /** @description Markdown. */
            body?: string;
            /**
             * Format: int32
             * @description Events channels: places available; none means no limit.
             */
            capacity?: number | null;
            /** @description Events channels: the end, in the same forms. */
            ends_at?: string | null;
            /** @description Images to show, in order: ids of the caller's own `content` uploads (at most 10). */
            images?: string[];
            listing?: null | components["schemas"]["ListingIn"];
            location?: null | components["schemas"]["LocationOut"];
            online_url?: string | null;
            /**
             * @description Events channels: the start, as RFC 3339 (`2026-03-29T10:00:00+02:00`) or as a local
             *     time in `time_zone` (`2026-03-29T10:00`).
             */
            starts_at?: string | null;
            /** @description Events channels: IANA time zone; the instance's by default. */
            time_zone?: string | null;
            title: string;
        };
        NewReport: {
            reason: string;
            target: components["schemas"]["TargetIn"];
        };
        NewSignature: {
            /** @description The Data Integrity proof (`eddsa-jcs-2022`) over the version document with `signatory`. */
            proof: Record<string, never>;
            /**
             * @description The block added to the version document before signing: who signs, for which
             *     organisation, in which role.
             */
            signatory: components["schemas"]["Signatory"];
        };
        NotificationOut: {
            actor?: null | components["schemas"]["ActorRef"];
            /** Format: uuid */
            comment_id?: string | null;
            community?: null | components["schemas"]["CommunityRef"];
            /** Format: date-time */
            created_at: string;
            /**
             * @description For `phase_changed`: the new phase, or `outcome` when the decision was recorded; for
             *     `moderation`: the action (`remove`, `restore`, `lock`, `ban`, ...); for
             *     `event_cancelled`: the reason given.
             */
            detail: string;
            /** Format: uuid */
            id: string;
            /**
             * @description `reply`, `mention`, `rsvp_promoted`, `event_changed`, `event_cancelled`,
             *     `event_reminder`, `phase_changed` or `moderation`.
             */
            kind: string;
            post?: null | components["schemas"]["PostRef"];
            read: boolean;
        };
        NotificationPage: {
            items: components["schemas"]["NotificationOut"][];
            next_cursor?: string | null;
            /**
             * Format: int64
             * @description Unread notices in all (not only on this page).
             */
            unread_count: number;
        };
        NotificationSettings: {
            /** @description Mail for notices: `immediate` (default), `daily` (one digest a day), or `off`. */
            email: string;
        };
        OfferOut: {
            /** Format: date-time */
            created_at: string;
            /** @description Plain text. */
            description: string;
            /** Format: uuid */
            id: string;
            /** @description `current`, `upcoming` or `expired` today. */
            state: string;
            /** @description Plain text. */
            title: string;
            /**
             * Format: date
             * @description First day, in the listing's zone.
             */
            valid_from: string;
            /**
             * Format: date
             * @description Last day (included).
             */
            valid_until: string;
        };
        /** @description A role in an organisation (`owner`, `member`). */
        OrgRoleIn: {
            /** @description One of the organisation kinds (`association`, `consulta`, `business`, ...); a `business` may own listings. */
            kind: string;
            name: string;
            role: string;
            slug: string;
        };
        OrganizationDetail: components["schemas"]["OrganizationView"] & {
            members: components["schemas"]["MemberView"][];
        };
        OrganizationRef: {
            name: string;
            slug: string;
        };
        OrganizationView: {
            actor_id: string;
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: uuid */
            id: string;
            /** @description `association`, `consulta`, `business`, `municipality`, `school` or `other`. */
            kind: string;
            name: string;
            slug: string;
        };
        /** @description One page of a list. */
        Page_CommentOut: {
            items: {
                author: components["schemas"]["AuthorView"];
                /** @description Empty when `deleted`. */
                body: string;
                body_html: string;
                /** Format: date-time */
                created_at: string;
                /** @description Deleted by its author or removed by a moderator; kept so replies keep their place. */
                deleted: boolean;
                /** Format: uuid */
                id: string;
                object_id: string;
                /** Format: uuid */
                parent_id?: string | null;
                /** Format: uuid */
                post_id: string;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Page_CommunityView: {
            items: {
                /** @description The ActivityPub id of the community's Group actor. */
                actor_id: string;
                /** @description The banner image (a path on this instance), if any. */
                banner_url?: string | null;
                /** Format: date-time */
                created_at: string;
                description: string;
                /** Format: uuid */
                id: string;
                name: string;
                slug: string;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Page_LogEntryView: {
            items: {
                action: string;
                /** Format: uuid */
                channel_id?: string | null;
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                expires_at?: string | null;
                /** Format: uuid */
                id: string;
                /** @description The moderator's username. */
                moderator: string;
                reason: string;
                /** @description A post's or comment's id, or an account's username. */
                target_id: string;
                target_kind: string;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Page_OrganizationView: {
            items: {
                actor_id: string;
                /** Format: date-time */
                created_at: string;
                description: string;
                /** Format: uuid */
                id: string;
                /** @description `association`, `consulta`, `business`, `municipality`, `school` or `other`. */
                kind: string;
                name: string;
                slug: string;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Page_PostOut: {
            items: {
                author: components["schemas"]["AuthorView"];
                /** @description Markdown, as written. */
                body: string;
                /** @description Sanitised HTML rendered from `body`. */
                body_html: string;
                /** Format: uuid */
                channel_id: string;
                /** Format: int64 */
                comment_count: number;
                /** Format: date-time */
                created_at: string;
                event?: null | components["schemas"]["EventOut"];
                /** Format: uuid */
                id: string;
                /** @description Images shown with the post, in order. */
                images: components["schemas"]["ImageOut"][];
                /** @description The channel's kind. */
                kind: string;
                /** Format: date-time */
                last_activity_at: string;
                /** Format: int64 */
                like_count: number;
                liked_by_me: boolean;
                listing?: null | components["schemas"]["ListingOut"];
                locked: boolean;
                /** @description The ActivityPub id. */
                object_id: string;
                /**
                 * Format: uuid
                 * @description For a proposal: its co-design process.
                 */
                parent_id?: string | null;
                pinned: boolean;
                process?: null | components["schemas"]["ProcessOut"];
                title: string;
                /** Format: date-time */
                updated_at: string;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Page_ReportView: {
            items: {
                /** Format: uuid */
                channel_id?: string | null;
                /** Format: date-time */
                created_at: string;
                /** Format: uuid */
                id: string;
                reason: string;
                /** @description `open`, `resolved` or `dismissed`. */
                status: string;
                target_id: string;
                target_kind: string;
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor?: string | null;
        };
        /**
         * @description A party to the accord: an organisation (by its ActivityPub id) or a person signing for
         *     themself (a volunteer).
         */
        Party: {
            /** @description Unique within the version; projects name their owners by it. */
            key: string;
            kind: components["schemas"]["PartyKind"];
            name: string;
            /** @description The organisation's ActivityPub id, when the party is one. */
            organization?: string | null;
            /** @description The person's ActivityPub id, when the party is a person. */
            person?: string | null;
        };
        /** @enum {string} */
        PartyKind: "municipality" | "association" | "volunteer" | "business" | "school" | "consulta";
        PasswordResetConfirm: {
            /** @description The new password (same rules as at registration). */
            password: string;
            token: string;
        };
        PeerLists: {
            allowed?: boolean | null;
            blocked?: boolean | null;
        };
        PeerPage: {
            items: components["schemas"]["PeerView"][];
            next_cursor?: string | null;
        };
        PeerView: {
            allowed: boolean;
            blocked: boolean;
            /**
             * Format: int32
             * @description Consecutive failed deliveries.
             */
            failures: number;
            host: string;
            /** Format: date-time */
            last_failure_at?: string | null;
            /** Format: date-time */
            last_success_at?: string | null;
            software?: string | null;
            /**
             * Format: date-time
             * @description Set while deliveries keep failing (they are still retried).
             */
            unreachable_since?: string | null;
        };
        PhaseChange: {
            /** @description The next phase. */
            to: string;
        };
        PolicyBody: {
            /**
             * @description `open` (every instance), `blocklist` (all but blocked ones) or `allowlist` (only allowed
             *     ones).
             * @example allowlist
             */
            mode: string;
        };
        PostChanges: {
            all_day?: boolean | null;
            body?: string | null;
            /**
             * Format: int32
             * @description Events: places available; `null` removes the limit. More places move the waiting list
             *     up; fewer never take a place from someone who has one.
             */
            capacity?: number | null;
            /** @description Events: a new end. */
            ends_at?: string | null;
            /**
             * @description Replaces the images shown (ids of the author's own `content` uploads, at most 10); `[]`
             *     removes them all; absent leaves them.
             */
            images?: string[] | null;
            listing?: null | components["schemas"]["ListingChangesIn"];
            location?: null | components["schemas"]["LocationOut"];
            /** @description Events: a new link to join online; `null` clears it. */
            online_url?: string | null;
            /**
             * @description Events: a new start, in the forms of `starts_at` at creation (a local time is read in the
             *     event's zone, or in `time_zone` when that changes too). Attendees are told of any change.
             */
            starts_at?: string | null;
            /** @description Events: a new IANA zone; the start and end keep their instants unless given too. */
            time_zone?: string | null;
            title?: string | null;
        };
        PostOut: {
            author: components["schemas"]["AuthorView"];
            /** @description Markdown, as written. */
            body: string;
            /** @description Sanitised HTML rendered from `body`. */
            body_html: string;
            /** Format: uuid */
            channel_id: string;
            /** Format: int64 */
            comment_count: number;
            /** Format: date-time */
            created_at: string;
            event?: null | components["schemas"]["EventOut"];
            /** Format: uuid */
            id: string;
            /** @description Images shown with the post, in order. */
            images: components["schemas"]["ImageOut"][];
            /** @description The channel's kind. */
            kind: string;
            /** Format: date-time */
            last_activity_at: string;
            /** Format: int64 */
            like_count: number;
            liked_by_me: boolean;
            listing?: null | components["schemas"]["ListingOut"];
            locked: boolean;
            /** @description The ActivityPub id. */
            object_id: string;
            /**
             * Format: uuid
             * @description For a proposal: its co-design process.
             */
            parent_id?: string | null;
            pinned: boolean;
            process?: null | components["schemas"]["ProcessOut"];
            title: string;
            /** Format: date-time */
            updated_at: string;
        };
        PostRef: {
            /** Format: uuid */
            id: string;
            title: string;
        };
        /** @description The problem document, as sent. */
        Problem: {
            code: components["schemas"]["Code"];
            detail: string;
            /** @description Field name to the reasons it was refused (only with `validation_failed`). */
            errors?: {
                [key: string]: components["schemas"]["FieldErrorDoc"][];
            } | null;
            /** Format: int32 */
            status: number;
            title: string;
            /** @description Always `about:blank`: `code` identifies the problem. */
            type: string;
        };
        ProcessOut: {
            /** @description Ids of the chosen proposals. */
            chosen: string[];
            /** Format: date-time */
            decided_at?: string | null;
            outcome?: string | null;
            /** @description `needs`, `ideas`, `proposals`, `decision`, `implementation` or `closed`. */
            phase: string;
            /** Format: int64 */
            proposal_count: number;
        };
        Project: {
            /**
             * Format: int64
             * @description In euro cents. (`budgetCents` in the version document.)
             */
            budget_cents: number;
            description?: string;
            /** @description Unique within the accord's versions: a project keeps its key from version to version. */
            key: string;
            kind: components["schemas"]["ProjectKind"];
            /** @description Keys of the parties that carry it out. */
            owners?: string[];
            title: string;
        };
        /** @enum {string} */
        ProjectKind: "community_care" | "city_care";
        QueueStats: {
            /** Format: int64 */
            changes_failing: number;
            /** Format: int64 */
            changes_waiting: number;
            /** Format: int64 */
            due: number;
            /** Format: int64 */
            gave_up: number;
            /** Format: int64 */
            in_flight: number;
            /** Format: int64 */
            pending: number;
            /** Format: int64 */
            retrying: number;
            /** Format: int64 */
            unreachable_hosts: number;
        };
        RefreshRequest: {
            refresh_token: string;
        };
        RegisterRequest: {
            /** @description Shown name; defaults to the username. */
            display_name?: string | null;
            /** @example maria@example.org */
            email: string;
            /** @description `it` or `en`; defaults to the instance's language. */
            locale?: string | null;
            /** @description 10 to 128 characters, not easy to guess. */
            password: string;
            /**
             * @description 3 to 30 characters: letters a-z, digits, underscores; starts with a letter. Case is folded.
             * @example maria_rossi
             */
            username: string;
        };
        ReportView: {
            /** Format: uuid */
            channel_id?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            reason: string;
            /** @description `open`, `resolved` or `dismissed`. */
            status: string;
            target_id: string;
            target_kind: string;
        };
        Resolved: {
            /** @description Its ActivityPub id. */
            actor_id: string;
            /** @description How to address it here (`name@host`, or the bare name when it is local). */
            handle: string;
            /**
             * Format: uuid
             * @description The local id of the cached copy.
             */
            id: string;
            /** @description `person` or `community`. */
            kind: string;
            local: boolean;
            name: string;
        };
        /** @description A role in a community (`member`, `facilitator`). */
        RoleIn: {
            /** @description The community's or organisation's name, as shown. */
            name: string;
            role: string;
            /** @description The slug; `slug@host` for a community of another instance. */
            slug: string;
        };
        RsvpOut: {
            /** @description `going`, or `waitlist` when the event is full. */
            status: string;
        };
        SearchFacets: {
            community: {
                [key: string]: number;
            };
            kind: {
                [key: string]: number;
            };
        };
        SearchHit: {
            community?: string | null;
            /** Format: date-time */
            created_at: string;
            id: string;
            kind: string;
            /** Format: float */
            score: number;
            /** @description HTML: matches in `<mark>`, everything else escaped. */
            snippet: string;
            /** @description Plain text: escape it when showing it. */
            title: string;
            /** @description Path of the page on this instance. */
            url: string;
        };
        SearchResults: {
            /** @description Counts over all matches the caller may see, not only this page. */
            facets: components["schemas"]["SearchFacets"];
            items: components["schemas"]["SearchHit"][];
            next_cursor?: string | null;
            /** Format: int64 */
            total: number;
        };
        SetMember: {
            /** @description `owner` or `member`. */
            role: string;
        };
        /** @description Who signs, as written into the signed document. */
        Signatory: {
            /** @description The signer's ActivityPub id. */
            id: string;
            /** @description The ActivityPub id of the organisation signed for. */
            organization?: string | null;
            role: components["schemas"]["SignatoryRole"];
        };
        /** @enum {string} */
        SignatoryRole: "legal_representative" | "delegate" | "self";
        SignatureOut: {
            /**
             * Format: date-time
             * @description When the signatory signed (the proof's `created`).
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            proof: Record<string, never>;
            /** Format: date-time */
            received_at: string;
            signatory: components["schemas"]["Signatory"];
            /** Format: int32 */
            version: number;
        };
        /** @enum {string} */
        State: "draft" | "co_design" | "approved" | "open_for_signature" | "active" | "monitoring" | "concluded" | "withdrawn";
        /** @description What is reported or acted on. */
        TargetIn: {
            /** @description For an account: the community (slug) the report or ban concerns. */
            community?: string | null;
            /** @description The post's or comment's id, or the account's username. */
            id: string;
            /** @description `post`, `comment` or `account`. */
            kind: string;
        };
        TokenRequest: {
            /** @description The code from the mailed link. */
            token: string;
        };
        /** @description A session's tokens. */
        Tokens: {
            /** @description Send as `Authorization: Bearer <access_token>`. */
            access_token: string;
            /**
             * Format: int64
             * @description Seconds the access token stays valid.
             */
            expires_in: number;
            /** @description Opaque; exchange it at `/auth/refresh` before the access token expires. Single use. */
            refresh_token: string;
            /** @description Always `Bearer`. */
            token_type: string;
        };
        Transition: {
            to: components["schemas"]["State"];
        };
        /** @description The form of an upload (`multipart/form-data`). */
        UploadForm: {
            /** @description What the image shows; required for `content`, at most 1500 characters. */
            alt?: string | null;
            /**
             * Format: binary
             * @description The image: JPEG, PNG, WebP or GIF, at most 10 MiB. Its format is read from its content;
             *     its name and declared type are ignored.
             */
            file: string;
            /** @description `content` (default: a picture for posts), `avatar` or `banner`. */
            purpose?: string | null;
        };
        VersionOut: {
            /** @description The document in its canonical form (RFC 8785), as stored and hashed. */
            canonical: string;
            content: components["schemas"]["Content"];
            /** Format: date-time */
            created_at: string;
            /**
             * @description The version document (an ActivityStreams `Document`): what signatories sign, with
             *     their `signatory` block added.
             */
            document: Record<string, never>;
            /** @description SHA-256 of `canonical`, hexadecimal. */
            hash: string;
            /** Format: int32 */
            number: number;
            previous_hash?: string | null;
        };
        VersionSummary: {
            /** Format: date-time */
            created_at: string;
            hash: string;
            /** Format: int32 */
            number: number;
            title: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    accords_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccordOut"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_bundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bundle"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_signatures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignatureOut"][];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Transition"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccordOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wrong_state`: no such step from the accord's state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionSummary"][];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_add_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Content"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wrong_state`: the text is approved */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_diff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                a: number;
                b: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Diff"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The version number */
                n: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionOut"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_sign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The version number */
                n: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSignature"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignatureOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a member of the organisation signed for */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `wrong_state` or `already_signed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_proof`: the detail says what is wrong */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accounts_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Created; a verification mail was sent */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountView"];
                };
            };
            /** @description Malformed body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `username_taken` or `email_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation_failed`, with field errors */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many registrations from this client */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    federation_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FederationStatus"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    federation_instances: {
        parameters: {
            query?: {
                limit?: number | null;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeerPage"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    federation_set_instance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The instance's host name */
                host: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PeerLists"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeerView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    federation_set_policy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicyBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyBody"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description Malformed body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_credentials`: unknown login or wrong password (one answer for both) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `email_not_verified` or `account_suspended` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts for this account or client; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_refresh_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_password_reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description A mail is on its way if the address has an account */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many mail requests from this client */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_password_reset_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetConfirm"];
            };
        };
        responses: {
            /** @description Password changed; sign in with it */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_token` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation_failed`: the new password is refused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tokens"];
                };
            };
            /** @description `invalid_refresh_token`, or `refresh_token_reused` (the session is now ended) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `account_suspended` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts from this client */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_verify_email: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Verified */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_token`: unknown, used or expired */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auth_resend_verification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description A mail is on its way if the address has an unverified account */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many mail requests from this client */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    channels_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The channel's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelDetail"];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    channels_appoint_moderator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The channel's id */
                id: string;
                /** @description `username`, `user:username` or `org:slug` */
                target: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Appointed (or already was) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such channel, person or organisation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    channels_remove_moderator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The channel's id */
                id: string;
                /** @description `username`, `user:username` or `org:slug` */
                target: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_feed: {
        parameters: {
            query?: {
                /** @description `new` (default): newest first; `active`: latest comment first. */
                order?: string | null;
                limit?: number | null;
                cursor?: string | null;
                /**
                 * @description Businesses channels: only listings of this category (a code from
                 *     `/listing-categories`).
                 */
                category?: string | null;
                /** @description Businesses channels: only listings open at this moment. */
                open_now?: boolean | null;
            };
            header?: never;
            path: {
                /** @description The channel's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PostOut"];
                };
            };
            /** @description Bad cursor, order, category or open_now */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The channel's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPost"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a member, banned, or not allowed to announce */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A new account's hourly writing budget is spent */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    comments_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The comment's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentOut"];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    comments_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The comment's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    comments_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The comment's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentChanges"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the author, banned, or the post is locked */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    communities_list: {
        parameters: {
            query?: {
                /** @description How many items (1 to 100, default 20). */
                limit?: number | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_CommunityView"];
                };
            };
            /** @description `malformed_request`: bad cursor or limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    communities_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCommunity"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommunityView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an instance admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `slug_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    communities_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommunityDetail"];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccordOut"][];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accords_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Content"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccordOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_set_banner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MediaChoice"];
            };
        };
        responses: {
            /** @description The banner now shown */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a facilitator of the community or an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `media_id` is not the caller's `banner` upload */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_clear_banner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No banner */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    channels_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelView"][];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    channels_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChannel"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a facilitator of this community nor an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `slug_taken` in this community */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    calendar_community: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 5545 calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    communities_appoint_facilitator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
                /** @description The person's username */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    communities_join: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    communities_leave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Left */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Banned members cannot leave to lift the ban */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such community, or not a member */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moderation_log: {
        parameters: {
            query?: {
                /** @description How many items (1 to 100, default 20). */
                limit?: number | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_LogEntryView"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moderation_queue: {
        parameters: {
            query?: {
                /** @description How many items (1 to 100, default 20). */
                limit?: number | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path: {
                /** @description The community's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ReportView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a moderator here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    instance_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceOut"];
                };
            };
        };
    };
    listings_categories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryOut"][];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accounts_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeView"];
                };
            };
            /** @description `unauthorized` or `token_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_set_avatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MediaChoice"];
            };
        };
        responses: {
            /** @description The avatar now shown */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `media_id` is not the caller's `avatar` upload */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_clear_avatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No profile picture */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    keys_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyOut"][];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    keys_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewKey"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `key_registered` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    keys_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    notification_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    notification_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationSettings"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_upload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaOut"];
                };
            };
            /** @description The form could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The account is suspended */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload_too_large`: the body is over 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unsupported_image`: not an accepted image by its content; `unsupported_media_type`: not a multipart form */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation_failed` (`file`, `purpose`, `alt`), `image_too_large` (too many pixels, such as an image bomb) or `invalid_image` (damaged) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A new account's hourly writing budget is spent */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The image's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the image's owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    media_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The image's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AltChange"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the image's owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moderation_act: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAction"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogEntryView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a moderator of the target's channel (bans: not a facilitator or admin) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    notifications_list: {
        parameters: {
            query?: {
                /** @description Only unread notices. */
                unread?: boolean;
                /** @description How many items (1 to 100, default 20). */
                limit?: number | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description A bad cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    notifications_mark_read: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkRead"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkedRead"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neither `ids` nor `all`, or ids that are no notice ids */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    organizations_list: {
        parameters: {
            query?: {
                /** @description How many items (1 to 100, default 20). */
                limit?: number | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_OrganizationView"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    organizations_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganization"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Consulte and municipal offices are created by admins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `slug_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    organizations_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation's slug */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDetail"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    organizations_set_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation's slug */
                slug: string;
                /** @description The person's username */
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetMember"];
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an owner of the organisation */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown role, or the last owner would be lost */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    organizations_remove_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organisation's slug */
                slug: string;
                /** @description The person's username */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The last owner cannot leave */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostChanges"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_cancel_event: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Cancellation"];
            };
        };
        responses: {
            /** @description Cancelled */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_comments: {
        parameters: {
            query?: {
                /** @description How many items (1 to 100, default 20). */
                limit?: number | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
            };
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_CommentOut"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_comment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewComment"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    calendar_event: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 5545 calendar with one event */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listings_offers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The listing's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferOut"][];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such listing, or not visible */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listings_add_offer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The listing's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewOffer"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a member of the owning organisation */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such listing, or not visible */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid fields, `valid_until` before `valid_from`, or too many offers */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listings_delete_offer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The listing's post id */
                id: string;
                /** @description The offer's id */
                offer_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_outcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The process's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Decision"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_phase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The process's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PhaseChange"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the next phase */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_proposals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The process's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"][];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_propose: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The process's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPost"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such process */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not accepting proposals in this phase, or invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_like: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Liked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_unlike: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The post's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Not liked any more */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_rsvp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RsvpOut"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event, or not visible */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The event is cancelled or over */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    posts_cancel_rsvp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event's post id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    moderation_report: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewReport"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportView"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such target, or not visible to the reporter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    federation_resolve: {
        parameters: {
            query: {
                /** @description A handle (`name@host`, with or without a leading `@`) or an ActivityPub URL. */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resolved"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The instance is not federated with, or the address is private */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The other server could not be reached */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    search: {
        parameters: {
            query?: {
                /** @description Words, "quoted phrases"; the last word also matches as a prefix. Empty: newest first. */
                q?: string;
                /** @description Only this community (slug). */
                community?: string | null;
                /**
                 * @description Only these kinds, comma-separated: thread, comment, event, codesign, proposal, listing,
                 *     announcement, accord, community, user.
                 */
                kind?: string | null;
                /** @description Only content of channels of this kind. */
                channel_kind?: string | null;
                /** @description Created at or after (RFC 3339). */
                from?: string | null;
                /** @description Created before (RFC 3339). */
                to?: string | null;
                /** @description 1 to 100, default 20. */
                limit?: number | null;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description Bad kind, date or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A token was sent but is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unsubscribe_page: {
        parameters: {
            query: {
                /** @description The token of the link in a notification mail. */
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A small page in Italian and English with the confirm button */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description `invalid_token` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unsubscribe: {
        parameters: {
            query: {
                /** @description The token of the link in a notification mail. */
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSettings"];
                };
            };
            /** @description `invalid_token` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
