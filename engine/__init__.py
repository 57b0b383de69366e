"""The saksflyt domain: texts, proposals, votes, cases, meetings, the event store, the audit."""
