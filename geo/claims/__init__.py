"""The claims ledger (data/claims.yaml): what each seed article states, checked against the record."""

from geo.claims.load import load_claims
from geo.claims.schema import VERDICTS, Ledger, Verdict
from geo.claims.summary import conflicting_verdicts, counts_by_seed, disputed_by_subject, resolve_seed, select
from geo.claims.verdicts import CheckedClaim, verdicts

__all__ = [
    "VERDICTS",
    "CheckedClaim",
    "Ledger",
    "Verdict",
    "conflicting_verdicts",
    "counts_by_seed",
    "disputed_by_subject",
    "load_claims",
    "resolve_seed",
    "select",
    "verdicts",
]
