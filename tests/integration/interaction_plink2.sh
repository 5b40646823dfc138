#!/usr/bin/env bash
# Interaction and genotypic tests against PLINK 2 on 1000 Genomes Europeans (Debian's bolt-lmm-example), with
# model-based standard errors (--no-robust, PLINK 2's): PHENO (linear) and the case/control CASE (logistic, every
# variant refitted (--pThresh 1) and compared with PLINK 2 without its Firth fallback; and exact Firth with Wald
# p-values against plink2 --glm firth), each
# with a quantitative interacting covariate (QCOV2) and a categorical one of three levels (TRI, QCOV2's tertiles:
# ridgeway reads the words and fits an indicator per level but the reference, PLINK 2 gets the two indicators), and
# the genotypic model. PLINK 2 fits every covariate x genotype term unless --parameters keeps only the ones of the
# model; --tests names the joint test (USER_kDF), by positions among the kept terms. The comparison (compare_terms_with_plink2.py) states the tolerances
# and checks that it fails when ridgeway's numbers are moved by 0.1%.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
compare() { /usr/bin/python3 "$here/compare_terms_with_plink2.py" "$@"; }

# TRI: hi, lo or mid by QCOV2 (reference level hi, the first in sorted order); TRI_lo and TRI_mid for PLINK 2.
awk 'NR == 1 { print $0, "TRI"; next } { t = ($5 == "NA") ? "NA" : ($5 < 0.33) ? "lo" : ($5 < 0.66) ? "mid" : "hi"; print $0, t }' \
  EUR_subset.pheno2.covars > covars.tri
awk 'NR == 1 { print $0, "TRI_lo", "TRI_mid"; next }
     { lo = ($5 == "NA") ? "NA" : ($5 < 0.33); mid = ($5 == "NA") ? "NA" : ($5 >= 0.33 && $5 < 0.66); print $0, lo, mid }' \
  covars.numeric > covars.tri.numeric

# Every sixteenth variant (about 3,300, and as many rows per term) keeps the test within its time.
awk 'NR % 16 == 1 { print $2 }' EUR_subset.bim > variants.txt
inputs=(--bfile EUR_subset --extract variants.txt --threads 2)
quantitative=(--pheno EUR_subset.pheno2.covars --pheno-name PHENO)
binary=(--pheno case.pheno --pheno-name CASE)

# Quantitative E: PLINK 2's terms ADD 1, QCOV1 2, QCOV2 3, CAT_COV 4, ADDxQCOV1 5, ADDxQCOV2 6, ADDxCAT_COV 7.
qcov=(--covar covars.numeric --covar-name QCOV1,QCOV2,CAT_COV --parameters 1-4,6 --tests 1,5)
# Categorical E: ADD 1, QCOV1 2, QCOV2 3, TRI_lo 4, TRI_mid 5, ADDxQCOV1 6, ADDxQCOV2 7, ADDxTRI_lo 8, ADDxTRI_mid 9.
tri=(--covar covars.tri.numeric --covar-name QCOV1,QCOV2,TRI_lo,TRI_mid --parameters 1-5,8,9 --tests 1,6,7)

plink2 "${inputs[@]}" "${quantitative[@]}" "${qcov[@]}" --glm interaction --out p_qt_q >/dev/null
plink2 "${inputs[@]}" "${quantitative[@]}" "${tri[@]}" --glm interaction --out p_qt_c >/dev/null
plink2 "${inputs[@]}" "${binary[@]}" "${qcov[@]}" --glm interaction no-firth --out p_bt_q >/dev/null
plink2 "${inputs[@]}" "${binary[@]}" "${tri[@]}" --glm interaction no-firth --out p_bt_c >/dev/null
plink2 "${inputs[@]}" "${binary[@]}" "${qcov[@]}" --glm interaction firth --out p_bt_f >/dev/null
plink2 "${inputs[@]}" "${quantitative[@]}" --covar covars.numeric --covar-name QCOV1,QCOV2,CAT_COV \
  --glm genotypic hide-covar --out p_qt_g >/dev/null
plink2 "${inputs[@]}" "${binary[@]}" --covar covars.numeric --covar-name QCOV1,QCOV2,CAT_COV \
  --glm genotypic hide-covar no-firth --out p_bt_g >/dev/null

ours=("${inputs[@]}" --no-report)
q_covars=(--covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV)
c_covars=(--covar covars.tri --covar-name QCOV1,QCOV2,TRI)
"$ridgeway" assoc "${ours[@]}" "${quantitative[@]}" "${q_covars[@]}" --interaction QCOV2 --no-robust --out qt_q >/dev/null
"$ridgeway" assoc "${ours[@]}" "${quantitative[@]}" "${c_covars[@]}" --interaction TRI --no-robust --out qt_c >/dev/null
"$ridgeway" assoc "${ours[@]}" --bt "${binary[@]}" "${q_covars[@]}" --interaction QCOV2 --pThresh 1 --out bt_q >/dev/null
"$ridgeway" assoc "${ours[@]}" --bt "${binary[@]}" "${c_covars[@]}" --interaction TRI --pThresh 1 --out bt_c >/dev/null
"$ridgeway" assoc "${ours[@]}" --bt "${binary[@]}" "${q_covars[@]}" --interaction QCOV2 --firth --firth-wald \
  --pThresh 1 --out bt_f >/dev/null
"$ridgeway" assoc "${ours[@]}" "${quantitative[@]}" "${q_covars[@]}" --test genotypic --no-robust --out qt_g >/dev/null
"$ridgeway" assoc "${ours[@]}" --bt "${binary[@]}" "${q_covars[@]}" --test genotypic --pThresh 1 --out bt_g >/dev/null

interaction_q=(ADD-INT_SNP=ADD ADD-INT_SNPxQCOV2=ADDxQCOV2 ADD-INT_2DF=USER_2DF)
interaction_c=(ADD-INT_SNP=ADD "ADD-INT_SNPxTRI=lo=ADDxTRI_lo" "ADD-INT_SNPxTRI=mid=ADDxTRI_mid" ADD-INT_3DF=USER_3DF)
genotypic=(ADD=ADD DOMDEV=DOMDEV GENO_2DF=GENO_2DF)
compare qt_q.PHENO.linear.tsv.gz p_qt_q.PHENO.glm.linear "${interaction_q[@]}"
compare qt_c.PHENO.linear.tsv.gz p_qt_c.PHENO.glm.linear "${interaction_c[@]}"
compare --tolerance 5e-4 bt_q.CASE.logistic.tsv.gz p_bt_q.CASE.glm.logistic "${interaction_q[@]}"
compare --tolerance 5e-4 bt_c.CASE.logistic.tsv.gz p_bt_c.CASE.glm.logistic "${interaction_c[@]}"
compare --tolerance 3e-3 bt_f.CASE.logistic.tsv.gz p_bt_f.CASE.glm.firth "${interaction_q[@]}"
compare qt_g.PHENO.linear.tsv.gz p_qt_g.PHENO.glm.linear "${genotypic[@]}"
compare --tolerance 5e-4 bt_g.CASE.logistic.tsv.gz p_bt_g.CASE.glm.logistic "${genotypic[@]}"
