"""The server's settings, read once at the edge (server.app.from_environment)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    db: str
    secure_cookies: bool = True
    """Set the Secure flag on cookies; off only for plain http on one's own machine."""
    poll_seconds: float = 0.5
    """How often a waiting /changes request looks at the store's head without LISTEN."""

    @property
    def session_cookie(self) -> str:
        # The __Host- prefix makes the browser refuse the cookie unless it is Secure, for
        # this host only and for the whole site.
        return "__Host-saksflyt" if self.secure_cookies else "saksflyt_session"

    @property
    def login_cookie(self) -> str:
        return "__Host-saksflyt-csrf" if self.secure_cookies else "saksflyt_csrf"
