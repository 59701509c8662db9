#!/usr/bin/env python3
"""Fills a Comune database (SQLite file or PostgreSQL URL) with many posts, comments and likes
across the channels the demo seeded, for the feed load benchmark (bench/feed/run.sh).

Rows are written straight into the tables the server reads, with the same shapes the server
writes (UUIDv7 ids, UTC timestamps, rendered HTML); the search outbox is left alone because the
benchmark measures feeds, not search.

    seed.py --sqlite data/comune.db --posts 100000
    seed.py --postgres postgres://postgres@127.0.0.1:5432/comune_bench_feed --posts 100000
"""

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone

WORDS = (
    "quartiere piazza giardino biblioteca scuola mercato festa orto bici strada parco "
    "consulta incontro volontari assemblea progetto panchine alberi fontana autobus "
    "sicurezza illuminazione rifiuti raccolta musica teatro anziani ragazzi famiglie sport"
).split()


def uuid7(at: datetime, rng: random.Random) -> str:
    ms = int(at.timestamp() * 1000)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rng.getrandbits(12) << 64
    value |= 0b10 << 62
    value |= rng.getrandbits(62)
    return str(uuid.UUID(int=value))


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def generate(channels, accounts, public_url, count, seed):
    """Yields (posts, comments, reactions) rows as lists of tuples."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    posts, comments, reactions = [], [], []
    for i in range(count):
        channel_id, community_id = channels[i % len(channels)]
        created = now - timedelta(seconds=rng.randrange(365 * 24 * 3600))
        pid = uuid7(created, rng)
        title = sentence(rng, rng.randint(3, 9))
        body = sentence(rng, rng.randint(15, 60)) + "."
        last = created
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            at = created + timedelta(seconds=rng.randrange(1, 7 * 24 * 3600))
            if at > now:
                at = now
            cid = uuid7(at, rng)
            text = sentence(rng, rng.randint(5, 25)) + "."
            comments.append(
                (cid, pid, rng.choice(accounts), text, f"<p>{text}</p>",
                 f"{public_url}/comments/{cid}", stamp(at), stamp(at))
            )
            last = max(last, at)
        for account in accounts:
            if rng.random() < 0.3:
                rid = uuid7(created, rng)
                reactions.append(
                    (pid, account, "like", f"{public_url}/reactions/{rid}", stamp(created))
                )
        posts.append(
            (pid, channel_id, community_id, rng.choice(accounts), title, body,
             f"<p>{body}</p>", f"{public_url}/posts/{pid}", stamp(created), stamp(created),
             stamp(last))
        )
    return posts, comments, reactions


POST_COLUMNS = ("id, channel_id, community_id, author_id, title, body, body_html, ap_id, "
                "created_at, updated_at, last_activity_at")
COMMENT_COLUMNS = "id, post_id, author_id, body, body_html, ap_id, created_at, updated_at"
REACTION_COLUMNS = "post_id, account_id, kind, ap_id, created_at"

CHANNELS_SQL = ("SELECT id, community_id FROM channels WHERE kind IN ('dialogue', 'announcements') "
                "ORDER BY id")
ACCOUNTS_SQL = "SELECT id FROM accounts WHERE local ORDER BY id"


def public_url_of(ap_id: str) -> str:
    return ap_id.split("/c/")[0]


def seed_sqlite(path, count, seed):
    db = sqlite3.connect(path)
    channels = db.execute(CHANNELS_SQL).fetchall()
    accounts = [r[0] for r in db.execute(ACCOUNTS_SQL)]
    public_url = public_url_of(db.execute("SELECT ap_id FROM communities LIMIT 1").fetchone()[0])
    posts, comments, reactions = generate(channels, accounts, public_url, count, seed)
    with db:
        # Local flags and states take their column defaults, as the server's inserts do.
        db.executemany(f"INSERT INTO posts ({POST_COLUMNS}, local) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", posts)
        db.executemany(f"INSERT INTO comments ({COMMENT_COLUMNS}, local) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, 1)", comments)
        db.executemany(f"INSERT INTO reactions ({REACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                       reactions)
    db.execute("ANALYZE")
    db.close()
    return len(posts), len(comments), len(reactions), len(channels)


def psql(url, sql):
    return subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-At", url, "-c", sql],
                          check=True, capture_output=True, text=True).stdout


def seed_postgres(url, count, seed):
    channels = [tuple(line.split("|")) for line in psql(url, CHANNELS_SQL).split()]
    accounts = psql(url, ACCOUNTS_SQL).split()
    public_url = public_url_of(psql(url, "SELECT ap_id FROM communities LIMIT 1").strip())
    posts, comments, reactions = generate(channels, accounts, public_url, count, seed)
    with tempfile.TemporaryDirectory() as tmp:
        script = []
        for name, columns, rows, extra in (
            ("posts", POST_COLUMNS, posts, "local"),
            ("comments", COMMENT_COLUMNS, comments, "local"),
            ("reactions", REACTION_COLUMNS, reactions, None),
        ):
            path = os.path.join(tmp, f"{name}.csv")
            with open(path, "w", newline="") as f:
                writer = csv.writer(f)
                for row in rows:
                    writer.writerow(row + ((True,) if extra else ()))
            cols = columns + (f", {extra}" if extra else "")
            script.append(f"\\copy {name} ({cols}) FROM '{path}' WITH (FORMAT csv)")
        script.append("ANALYZE;")
        sql_path = os.path.join(tmp, "load.sql")
        with open(sql_path, "w") as f:
            f.write("\n".join(script) + "\n")
        subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-1", url, "-f", sql_path],
                       check=True)
    return len(posts), len(comments), len(reactions), len(channels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", help="path of the SQLite database file")
    target.add_argument("--postgres", help="PostgreSQL URL")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.monotonic()
    if args.sqlite:
        counts = seed_sqlite(args.sqlite, args.posts, args.seed)
    else:
        counts = seed_postgres(args.postgres, args.posts, args.seed)
    print(f"seeded {counts[0]} posts ({counts[0] // counts[3]} in each of {counts[3]} channels), "
          f"{counts[1]} comments, {counts[2]} likes in {time.monotonic() - started:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
