#!/usr/bin/env bash
# ridgeway's logistic fits (maximum likelihood and Firth, with offsets) on small random problems, against statsmodels
# and an independent numpy Firth solver: coefficients, standard errors and log-likelihoods to 1e-6.
set -euo pipefail
scratch=$2 fit_logistic=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
/usr/bin/python3 "$here/check_logistic_fits.py" "$fit_logistic" "$here"
