# Sourced by the tests on 1000 Genomes Europeans (Debian's bolt-lmm-example): extracts EUR_subset.bed/.bim/.fam and
# EUR_subset.pheno2.covars into the current folder and writes, for PLINK 2, which cannot read a categorical column
# holding NA, covars.numeric (CAT_COV as a 0/1 indicator, the same model), and case.pheno: a case/control trait CASE
# made from PHENO (cases above 0.78, about a fifth). It defines the arguments of the quantitative trait PHENO and its
# covariates for ridgeway (traits) and, the same model, for plink2 --glm (plink_traits).
tar xJf /usr/share/doc/bolt-lmm/examples/examples.tar.xz EUR_subset.bed EUR_subset.bim EUR_subset.fam EUR_subset.pheno2.covars
awk 'NR == 1 { print; next } { $6 = ($6 == "A") ? 0 : ($6 == "B") ? 1 : $6; print }' EUR_subset.pheno2.covars > covars.numeric
awk 'NR == 1 { print "FID IID CASE"; next } { print $1, $2, ($3 == "NA") ? "NA" : ($3 > 0.78) ? 2 : 1 }' \
  EUR_subset.pheno2.covars > case.pheno
traits=(--pheno EUR_subset.pheno2.covars --pheno-name PHENO --covar EUR_subset.pheno2.covars
        --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --no-report)
plink_traits=(--pheno EUR_subset.pheno2.covars --pheno-name PHENO --covar covars.numeric
              --covar-name QCOV1,QCOV2,CAT_COV --glm hide-covar omit-ref --threads 2)
