#!/usr/bin/env bash
# Strict nbval under the floating-point environments of other CPUs: other OpenBLAS kernels (how another
# CPU multiplies matrices) and numpy without its AVX-512 / AVX2 code paths (how another CPU computes exp,
# log, tanh and sums). A stored output that passes only on the machine that produced it fails for the
# people who clone the course. Run by hand after `make install` (tests and CI never set these variables):
#   tools/nbval_matrix.sh [NOTEBOOK...]        # default: every notebook; about a minute per row
set -u
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || { echo "no .venv here: run make install first"; exit 2; }
[ $# -gt 0 ] || set -- notebooks
rows=(
  "OPENBLAS_CORETYPE=Prescott"
  "OPENBLAS_CORETYPE=Sandybridge"
  "OPENBLAS_CORETYPE=Haswell"
  "OPENBLAS_CORETYPE=Zen"
  "OPENBLAS_CORETYPE=SkylakeX"
  "OPENBLAS_CORETYPE=Haswell NPY_DISABLE_CPU_FEATURES=X86_V4,AVX512_ICL,AVX512_SPR"
  "OPENBLAS_CORETYPE=Prescott NPY_DISABLE_CPU_FEATURES=X86_V3,X86_V4,AVX512_ICL,AVX512_SPR OPENBLAS_NUM_THREADS=1"
)
bad=0
for row in "${rows[@]}"; do
  # shellcheck disable=SC2086  # the row is a list of VAR=value words
  out=$(env $row MPLBACKEND=Agg timeout 1200 "$py" -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
        --nbval-sanitize-with .nbval-sanitize.cfg "$@" 2>&1)
  summary=$(printf '%s\n' "$out" | grep -E '[0-9]+ (passed|failed)' | tail -1)
  failed=$(printf '%s\n' "$out" | grep -oE '^FAILED [^ ]+::Cell [0-9]+' | sed 's/^FAILED //' | tr '\n' ' ')
  printf '%-100s %s %s\n' "$row" "${summary:-no result}" "$failed"
  case "$summary" in *failed*|"") bad=$((bad + 1)) ;; esac
done
if [ "$bad" -eq 0 ]; then echo "all ${#rows[@]} environments pass"; else echo "$bad of ${#rows[@]} environments fail"; exit 1; fi
