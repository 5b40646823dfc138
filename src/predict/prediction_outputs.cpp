#include "predict/prediction_outputs.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/atomic_output.hpp"

namespace ridgeway {

namespace {

std::string value(double x) { return std::isnan(x) ? "NA" : fmt::format("{:.12g}", x); }

}  // namespace

void write_predictions(const std::string& path, const std::vector<std::string>& traits,
                       const std::vector<PredictedSet>& sets, OutputSet& outputs) {
    std::string text = "FID\tIID\tSET";
    for (const auto& trait : traits) text += "\t" + trait;
    text += "\n";
    for (const PredictedSet& set : sets)
        for (std::size_t i = 0; i < set.ids.size(); ++i) {
            text += fmt::format("{}\t{}\t{}", set.ids[i].fid, set.ids[i].iid, set.name);
            for (std::size_t t = 0; t < traits.size(); ++t) text += "\t" + value(set.predictions(i, t));
            text += "\n";
        }
    write_output_file(outputs, path, text);
}

void write_accuracy(const std::string& path, const PredictionModel& model, std::size_t n_train,
                    const std::vector<Accuracy>& test, OutputSet& outputs) {
    std::string text = "TRAIT\tKERNEL\tBANDWIDTH\tSIGMA\tH2\tPENALTY\tCV_MSE\tN_TRAIN\tN_TEST\tMSPE\tPEARSON_R\n";
    const bool gaussian = model.kind == KernelKind::gaussian;
    const double na = std::nan("");
    for (std::size_t t = 0; t < model.traits.size(); ++t) {
        const TraitModel& trait = model.traits[t];
        text += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", trait.name, kernel_name(model.kind),
                            value(gaussian ? trait.bandwidth : na), value(gaussian ? std::sqrt(trait.sigma2) : na),
                            value(trait.h2), value(trait.penalty), value(trait.cv_mse),
                            n_train ? std::to_string(n_train) : "NA", test[t].n, value(test[t].mspe),
                            value(test[t].pearson_r));
    }
    write_output_file(outputs, path, text);
}

void write_cv_table(const std::string& path, const std::vector<std::string>& traits, const std::vector<GridPoint>& grid,
                    const Matrix& cv_mse, OutputSet& outputs) {
    std::string text = "TRAIT\tBANDWIDTH\tH2\tCV_MSE\n";
    for (std::size_t t = 0; t < traits.size(); ++t)
        for (std::size_t g = 0; g < grid.size(); ++g)
            text += fmt::format("{}\t{}\t{}\t{}\n", traits[t], grid[g].bandwidth > 0 ? value(grid[g].bandwidth) : "NA",
                                value(grid[g].h2), value(cv_mse(g, t)));
    write_output_file(outputs, path, text);
}

}  // namespace ridgeway
