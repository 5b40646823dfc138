#include "cluster/prediction_broadcast.hpp"

#include <string_view>

#include "cluster/message_bytes.hpp"

namespace ridgeway {

namespace {

// The bytes: trait count, then each name (length, characters); chromosome count, then the codes; rows; then each
// trait's matrix, column-major as Matrix holds it.
std::string to_bytes(const LocoPredictions& predictions) {
    MessageWriter out;
    out.count(predictions.trait_names.size());
    for (const auto& name : predictions.trait_names) {
        out.count(name.size());
        out.raw(name.data(), name.size());
    }
    out.count(predictions.chromosomes.size());
    out.raw(predictions.chromosomes.data(), predictions.chromosomes.size());
    out.count(predictions.values.empty() ? 0 : predictions.values.front().rows());
    for (const Matrix& values : predictions.values) out.raw(values.data(), values.rows() * values.cols());
    return out.take();
}

LocoPredictions from_bytes(std::string_view bytes) {
    MessageReader in(bytes, "the step-1 predictions broadcast from rank 0");
    LocoPredictions predictions;
    predictions.trait_names.resize(in.count());
    for (auto& name : predictions.trait_names) {
        name.resize(in.count());
        in.raw(name.data(), name.size());
    }
    predictions.chromosomes.resize(in.count());
    in.raw(predictions.chromosomes.data(), predictions.chromosomes.size());
    const std::uint64_t rows = in.count();
    for (std::size_t t = 0; t < predictions.trait_names.size(); ++t) {
        Matrix values(rows, predictions.chromosomes.size());
        in.raw(values.data(), rows * values.cols());
        predictions.values.push_back(std::move(values));
    }
    in.expect_end();
    return predictions;
}

}  // namespace

void broadcast_predictions(Communicator& communicator, LocoPredictions& predictions) {
    const std::string bytes =
        communicator.broadcast_from_root(communicator.rank() == 0 ? to_bytes(predictions) : std::string());
    if (communicator.rank() != 0) predictions = from_bytes(bytes);
}

}  // namespace ridgeway
