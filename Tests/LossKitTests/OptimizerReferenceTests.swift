import LossKit
import Testing

/// Every optimiser configuration against PyTorch's trajectory over 60 steps.
@Suite struct OptimizerReferenceTests {
    static let names = PyTorchReference.shared.optimizers.map(\.name)

    static func make(_ c: PyTorchReference.OptimizerCase) -> any Optimizer {
        let o = c.options
        switch c.optimizer {
        case "SGD":
            return SGD(learningRate: o.lr!, momentum: o.momentum ?? 0, dampening: o.dampening ?? 0,
                       nesterov: o.nesterov ?? false, weightDecay: o.weight_decay ?? 0)
        case "Adagrad":
            var d = Adagrad()
            if let v = o.lr { d.learningRate = v }
            if let v = o.lr_decay { d.learningRateDecay = v }
            if let v = o.weight_decay { d.weightDecay = v }
            if let v = o.initial_accumulator_value { d.initialAccumulatorValue = v }
            if let v = o.eps { d.epsilon = v }
            return d
        case "Adadelta":
            var d = Adadelta()
            if let v = o.lr { d.learningRate = v }
            if let v = o.rho { d.rho = v }
            if let v = o.eps { d.epsilon = v }
            if let v = o.weight_decay { d.weightDecay = v }
            return d
        case "Adam":
            var d = Adam()
            if let v = o.lr { d.learningRate = v }
            if let v = o.betas { d.beta1 = v[0]; d.beta2 = v[1] }
            if let v = o.eps { d.epsilon = v }
            if let v = o.weight_decay { d.weightDecay = v }
            return d
        case "RMSprop":
            var d = RMSprop()
            if let v = o.lr { d.learningRate = v }
            if let v = o.alpha { d.alpha = v }
            if let v = o.eps { d.epsilon = v }
            if let v = o.momentum { d.momentum = v }
            if let v = o.centered { d.centered = v }
            if let v = o.weight_decay { d.weightDecay = v }
            return d
        default:
            fatalError("unknown optimizer \(c.optimizer)")
        }
    }

    @Test(arguments: names) func followsPyTorchTrajectory(name: String) {
        let c = PyTorchReference.shared.optimizers.first { $0.name == name }!
        #expect(c.trajectory.count >= 50)
        var optimizer = Self.make(c)
        var p = c.initial
        for (t, expected) in c.trajectory.enumerated() {
            // Same operation order as the Python script: g = a·d + 0.1·d·d·d.
            let gradient = p.indices.map { i -> Double in
                let d = p[i] - c.c[i]
                return c.a[i] * d + 0.1 * d * d * d
            }
            optimizer.step(parameters: &p, gradient: gradient)
            let mismatch = firstMismatch(p, expected, rtol: 1e-9)
            #expect(mismatch == nil, "\(name) step \(t + 1): got \(p) expected \(expected)")
            if mismatch != nil { return }
        }
    }

    @Test func defaultsArePyTorchs() {
        let adam = Adam()
        #expect(adam.learningRate == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
        let adadelta = Adadelta()
        #expect(adadelta.learningRate == 1 && adadelta.rho == 0.9 && adadelta.epsilon == 1e-6)
        let adagrad = Adagrad()
        #expect(adagrad.learningRate == 1e-2 && adagrad.epsilon == 1e-10 && adagrad.initialAccumulatorValue == 0)
        let rmsprop = RMSprop()
        #expect(rmsprop.learningRate == 1e-2 && rmsprop.alpha == 0.99 && rmsprop.epsilon == 1e-8 && !rmsprop.centered)
    }
}
