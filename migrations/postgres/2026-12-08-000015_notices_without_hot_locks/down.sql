CREATE INDEX notifications_community_id_idx ON notifications (community_id);
CREATE INDEX notifications_actor_id_idx ON notifications (actor_id);
ALTER TABLE notifications
    ADD CONSTRAINT notifications_recipient_id_fkey FOREIGN KEY (recipient_id) REFERENCES accounts (id) ON DELETE CASCADE,
    ADD CONSTRAINT notifications_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES accounts (id) ON DELETE SET NULL,
    ADD CONSTRAINT notifications_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE;
