#!/usr/bin/env bash
# Runs the whole test suite. In CI (CI=true) PostgreSQL must be reachable: a missing server fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export AURORA_TEST_DATABASE_URL="${AURORA_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"
mkdir -p test-artifacts
# mypy --strict on these packages (one a line)
STRICT=(
    engine usecases api usage jobs live.py runtime.py vocab.py search recommend safety
    network/robustness.py app.py sealing.py badtext.py lifeevents referrals hsds insights ethics wallet assistant
    identity profile consent
    official
    nearby resultcodes
    livechat oauth
    curation evaluation
)
.venv/bin/python -m mypy --strict "${STRICT[@]/#/src/auroranet/}"
# Tests run on every core (pytest-xdist); a file stays on one worker, so its module fixtures are built once.
exec .venv/bin/pytest -q -p no:cacheprovider --durations=25 -n "${AURORA_TEST_WORKERS:-auto}" --dist loadfile "$@"
