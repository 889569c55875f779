#!/usr/bin/env bash
# Runs the whole test suite. In CI (CI=true) PostgreSQL must be reachable: a missing server fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export AURORA_TEST_DATABASE_URL="${AURORA_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"
mkdir -p test-artifacts
.venv/bin/python -m mypy --strict src/auroranet/engine src/auroranet/usecases src/auroranet/api src/auroranet/usage \
    src/auroranet/jobs src/auroranet/live.py src/auroranet/runtime.py src/auroranet/vocab.py \
    src/auroranet/search src/auroranet/recommend src/auroranet/safety \
    src/auroranet/network/robustness.py src/auroranet/app.py src/auroranet/lifeevents src/auroranet/referrals \
    src/auroranet/hsds src/auroranet/insights src/auroranet/ethics src/auroranet/wallet src/auroranet/assistant \
    src/auroranet/identity src/auroranet/profile src/auroranet/consent src/auroranet/evaluation
exec .venv/bin/pytest -q -p no:cacheprovider "$@"
