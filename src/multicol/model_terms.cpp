#include <fmt/format.h>

#include "multicol/multicol_settings.hpp"

namespace ridgeway {

std::vector<ResultTerm> model_terms(const MulticolSettings& settings) {
    switch (settings.model) {
        case MulticolModel::none: return {};
        case MulticolModel::genotypic: return {{"ADD", 1}, {"DOMDEV", 1}, {"GENO_2DF", 2}};
        case MulticolModel::interaction: break;
    }
    std::vector<ResultTerm> terms{{"ADD-INT_SNP", 1}};
    for (const std::string& name : settings.factor_names) terms.push_back({"ADD-INT_SNPx" + name, 1});
    const auto df = static_cast<unsigned>(settings.columns());
    terms.push_back({fmt::format("ADD-INT_{}DF", df), df});
    return terms;
}

std::size_t rows_per_result(const MulticolSettings& settings) {
    return settings.active() ? settings.columns() + 1 : 1;
}

}  // namespace ridgeway
