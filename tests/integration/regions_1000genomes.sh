#!/usr/bin/env bash
# --chr and --range on 1000 Genomes Europeans (Debian's bolt-lmm-example; chromosomes 17 to 22), read through an index
# and without one. An index is an optimisation, never a change of results:
#  1. For each region, the .bed, a bgzipped VCF with a .tbi, one with a .csi and "chr"-prefixed contig names, a BCF
#     with a .csi (bcftools index), a BGEN with a .bgi (tests/integration/make_bgi.py, as bgenix -index writes it),
#     and unindexed copies of the VCF and BGEN, give exactly the rows of the unrestricted .bed run that lie in the
#     region.
#  2. The log says that the index was used, and the indexed sources decode only the region's records where the
#     unindexed ones read all 54,051.
#  3. A BCF whose chromosomes are not in its header's order comes out in file order through its index, as without it.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"
fail() { echo "FAIL: $*"; exit 1; }

plink2 --bfile EUR_subset --export vcf bgz --out calls >/dev/null
plink2 --bfile EUR_subset --export vcf bgz --output-chr chrM --out chrcalls >/dev/null
plink2 --bfile EUR_subset --export bcf --out calls >/dev/null
plink2 --bfile EUR_subset --export bgen-1.2 bits=8 --out calls >/dev/null
cp calls.vcf.gz plain.vcf.gz && cp calls.bgen plain.bgen
tabix -p vcf calls.vcf.gz
tabix --csi -p vcf chrcalls.vcf.gz
bcftools index calls.bcf
/usr/bin/python3 "$here/make_bgi.py" calls.bgen
"$ridgeway" assoc --bfile EUR_subset "${traits[@]}" --out whole >/dev/null

# The rows of the whole run in the regions, selected with awk: REGIONS is "CHR:FIRST:LAST ...".
rows_in() {
  zcat whole.PHENO.linear.tsv.gz | awk -v regions="$1" -F'\t' '
    BEGIN { n = split(regions, list, " "); for (i = 1; i <= n; ++i) { split(list[i], r, ":"); c[i] = r[1]; f[i] = r[2]; l[i] = r[3] } }
    NR == 1 { print; next }
    { for (i = 1; i <= n; ++i) if ($1 == c[i] && $2 + 0 >= f[i] + 0 && $2 + 0 <= l[i] + 0) { print; next } }'
}

sources=("--bfile EUR_subset" "--vcf calls.vcf.gz --id-delim _" "--vcf chrcalls.vcf.gz --id-delim _"
         "--bcf calls.bcf --id-delim _" "--bgen calls.bgen --sample calls.sample" "--vcf plain.vcf.gz --id-delim _"
         "--bgen plain.bgen --sample calls.sample")
names=(bed tbi csi bcf bgi vcf_scan bgen_scan)
declare -A region_of=(
  [chr]="--chr 19"
  [range]="--range 20:11344769-17276199"
  [both]="--chr 19,20 --range 20:17000000-18000000,19:1-5000000,20:11344769-17276199,22:1-"
)
declare -A expected_of=(
  [chr]="19:1:999999999"
  [range]="20:11344769:17276199"
  [both]="19:1:5000000 20:11344769:18000000"
)
for region in chr range both; do
  rows_in "${expected_of[$region]}" > expected.tsv
  selected=$(($(wc -l < expected.tsv) - 1))
  for i in "${!sources[@]}"; do
    out=${region}_${names[$i]}
    # shellcheck disable=SC2086
    "$ridgeway" assoc ${sources[$i]} "${traits[@]}" ${region_of[$region]} --out $out >/dev/null
    cut=(cat)
    [[ ${names[$i]} == bgi || ${names[$i]} == bgen_scan ]] && cut=(cut -f1-7,9-)  # the INFO column
    cmp expected.tsv <(zcat $out.PHENO.linear.tsv.gz | sed 's/^chr//' | "${cut[@]}") ||
      fail "${names[$i]} with ${region_of[$region]}: rows differ from the unrestricted .bed run's"
  done
  grep -q -- "${region_of[$region]}: $selected records read through the index calls.vcf.gz.tbi (the file holds 54051)" ${region}_tbi.log ||
    fail "${region}_tbi.log does not say that the .tbi was read for $selected records"
  grep -q "$selected records read through the index chrcalls.vcf.gz.csi (the file holds 54051)" ${region}_csi.log ||
    fail "${region}_csi.log does not say that the .csi was read"
  grep -q "$selected records read through the index calls.bcf.csi (the file holds 54051)" ${region}_bcf.log ||
    fail "${region}_bcf.log does not say that the .csi was read"
  grep -q "$selected variants of the file's 54051 in .*, listed from the index calls.bgen.bgi without reading the .bgen" ${region}_bgi.log ||
    fail "${region}_bgi.log does not say that the .bgi was searched"
  grep -q "all 54051 records read, as the file has no index" ${region}_vcf_scan.log ||
    fail "${region}_vcf_scan.log does not say that every record was read"
  grep -q "$selected variants of the 54051 scanned" ${region}_bgen_scan.log ||
    fail "${region}_bgen_scan.log does not say that the file was scanned"
  echo "${region_of[$region]}: $selected of 54051 variants, the same rows from .bed, VCF (.tbi, .csi, none), BCF (.csi) and BGEN (.bgi, none); the indexes read only those"
done

# 3. Chromosome 20 before 19 in a BCF whose header lists 17 to 22.
bcftools view -r 20 calls.bcf -Ob -o c20.bcf 2>/dev/null
bcftools view -r 19 calls.bcf -Ob -o c19.bcf 2>/dev/null
bcftools concat c20.bcf c19.bcf -Ob -o swapped.bcf 2>/dev/null
cp swapped.bcf swapped_plain.bcf
bcftools index swapped.bcf
for file in swapped swapped_plain; do
  "$ridgeway" assoc --bcf $file.bcf --id-delim _ "${traits[@]}" --range 19:1-3000000,20:1-3000000 --out $file >/dev/null
done
grep -q "records read through the index swapped.bcf.csi" swapped.log || fail "swapped.bcf was not read through its index"
cmp <(zcat swapped.PHENO.linear.tsv.gz) <(zcat swapped_plain.PHENO.linear.tsv.gz) ||
  fail "swapped.bcf: rows through the index differ from those of the unindexed copy"
[ "$(zcat swapped.PHENO.linear.tsv.gz | awk 'NR > 1 { print $1 }' | uniq | tr '\n' ' ')" = "20 19 " ] ||
  fail "swapped.bcf: chromosomes not in file order"
echo "BCF with chromosome 20 before 19: file order through the index, rows identical to the unindexed copy"
