import Foundation

/// The committed PyTorch reference values (`Tests/Reference/pytorch-reference.json`).
///
/// Produced by `Tests/Reference/make_reference.py`; the tests only read it, so
/// CI never needs torch. Non-finite numbers are stored as "nan"/"inf"/"-inf".
struct PyTorchReference: Decodable {
    struct Array: Decodable {
        var shape: [Int]
        var data: [Double]
    }

    struct LossOptions: Decodable {
        var weight: [Double]?
        var ignore_index: Int?
        var reduction: String
        var label_smoothing: Double?
        var pos_weight: [Double]?
        var precision: Double?
    }

    struct LossCase: Decodable {
        var name: String
        var loss: String
        var dtype: String
        var options: LossOptions
        var input: Array
        var target: Array?
        var indices: [Int]?
        var value: Array
        var gradient: Array
    }

    struct OptimizerOptions: Decodable {
        var lr: Double?
        var momentum: Double?
        var dampening: Double?
        var nesterov: Bool?
        var weight_decay: Double?
        var lr_decay: Double?
        var initial_accumulator_value: Double?
        var eps: Double?
        var rho: Double?
        var betas: [Double]?
        var alpha: Double?
        var centered: Bool?
    }

    struct OptimizerCase: Decodable {
        var name: String
        var optimizer: String
        var options: OptimizerOptions
        var a: [Double]
        var c: [Double]
        var initial: [Double]
        var trajectory: [[Double]]
    }

    struct ActivationCase: Decodable {
        var name: String
        var dtype: String
        var input: Array
        var upstream: Array
        var output: Array
        var gradient: Array
    }

    struct ModelCase: Decodable {
        var name: String
        var parameters: [Double]
        var parameter_gradient: [Double]
        var input: Array
        var upstream: Array
        var output: Array
        var input_gradient: Array
    }

    /// Known-answer values for ``SeededGenerator`` from the script's own xoshiro256**.
    struct RandomStream: Decodable {
        var seed: UInt64
        var integers: [String]
        var uniforms: [Double]
        var normals: [Double]
    }

    var torch: String
    var losses: [LossCase]
    var optimizers: [OptimizerCase]
    var activations: [ActivationCase]
    var models: [ModelCase]
    var rng: RandomStream

    /// Loaded once for all tests.
    static let shared: PyTorchReference = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/pytorch-reference.json")
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return try decoder.decode(PyTorchReference.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}
