// Accuracy in the two senses chapter 3 contrasts: one label per example
// (categorical) and Keras's per-output binary accuracy.

/// Fraction of elements whose arg-max over the class axis equals the target.
///
/// `scores` is `[N, C, d1…dk]` (logits or probabilities; arg-max is the same),
/// `targets` the N·d1…dk class indices. Ties go to the lowest class index,
/// as in `torch.argmax`.
@inlinable
public func categoricalAccuracy<S>(scores: Tensor<S>, targets: [Int]) -> Double {
    let predicted = argmaxOverClasses(scores)
    precondition(predicted.count == targets.count, "one target per element expected")
    guard !targets.isEmpty else { return .nan }
    let correct = zip(predicted, targets).filter { $0 == $1 }.count
    return Double(correct) / Double(targets.count)
}

/// Keras's `binary_accuracy`: round every output at `threshold` (strictly
/// greater counts as 1), compare with the target, average over all outputs.
///
/// With 26 one-hot outputs, predicting all zeros scores 25/26 ≈ 96.15%.
@inlinable
public func binaryAccuracy<S>(probabilities: Tensor<S>, targets: Tensor<S>, threshold: S = 0.5) -> Double {
    precondition(probabilities.shape == targets.shape, "shapes differ")
    guard probabilities.count > 0 else { return .nan }
    var correct = 0
    for k in 0..<probabilities.count where (probabilities.scalars[k] > threshold ? 1 : 0) == targets.scalars[k] {
        correct += 1
    }
    return Double(correct) / Double(probabilities.count)
}

/// Arg-max over axis 1 of `[N, C, d1…dk]`, one class index per element in row-major order.
@inlinable
public func argmaxOverClasses<S>(_ scores: Tensor<S>) -> [Int] {
    let layout = ClassAxisLayout(shape: scores.shape)
    return (0..<layout.elementCount).map { element in
        var best = 0
        var bestScore = scores.scalars[layout.index(element: element, class: 0)]
        for c in 1..<max(layout.classes, 1) {
            let s = scores.scalars[layout.index(element: element, class: c)]
            if s > bestScore {
                best = c
                bestScore = s
            }
        }
        return best
    }
}
