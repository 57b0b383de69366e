"""The tables of the server's accounts: users with a role, API tokens and browser sessions,
and failed log-ins by name. Kept beside the event log in the same database (so every server
process sees the same accounts), but outside it: an account is not part of the record.

Secrets are stored only as hashes: a password as argon2, a token or session id as SHA-256
(they are 256 random bits, so a slow hash adds nothing).
"""

from __future__ import annotations

import sqlalchemy as sa


def define_account_tables(metadata: sa.MetaData) -> dict[str, sa.Table]:
    """The account tables on the store's metadata (so one `create_all` and one comparison
    with the migrations cover the whole schema)."""
    users = sa.Table(
        "users", metadata,
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    tokens = sa.Table(
        "api_tokens", metadata,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(200), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    sessions = sa.Table(
        "web_sessions", metadata,
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("user_name", sa.String(200), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )
    failures = sa.Table(
        "login_failures", metadata,
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("last_at", sa.String(40), nullable=False),
    )
    return {"users": users, "api_tokens": tokens, "web_sessions": sessions,
            "login_failures": failures}
