-- PostgreSQL twin of migrations/sqlite/2026-11-23-000006_codesign; keep them equal.
-- A co-design process is a post in a co-design channel; its proposals are posts whose parent is
-- the process. The phase moves forward only; the outcome names the chosen proposals.
CREATE TABLE codesign_processes (
    post_id TEXT PRIMARY KEY NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    phase TEXT NOT NULL DEFAULT 'needs'
        CHECK (phase IN ('needs', 'ideas', 'proposals', 'decision', 'implementation', 'closed')),
    outcome TEXT,
    decided_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE codesign_choices (
    process_id TEXT NOT NULL REFERENCES codesign_processes (post_id) ON DELETE CASCADE,
    proposal_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    PRIMARY KEY (process_id, proposal_id)
);
CREATE INDEX codesign_choices_proposal_id_idx ON codesign_choices (proposal_id);
