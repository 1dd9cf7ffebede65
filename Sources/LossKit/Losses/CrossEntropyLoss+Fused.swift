import RealModule

extension CrossEntropyLoss {
    /// The fused kernel for Float logits, `FloatLanes.scalarCount` positions at a time;
    /// nil when the spatial extent is narrower than one vector.
    ///
    /// Not inlinable on purpose: the kernel is compiled once, here, for the
    /// vector unit LossKit is built for (Package.swift), whichever module calls it.
    @usableFromInline
    func fusedValueAndGradient(logits: Tensor<Float>, targets: [Int]) -> (value: Tensor<Float>, gradient: Tensor<Float>)? {
        let layout = ClassAxisLayout(shape: logits.shape)
        guard layout.batch > 0, layout.classes > 0, layout.inner >= FloatLanes.scalarCount else { return nil }
        return fusedValueAndGradient(logits: logits, targets: targets, lanes: FloatLanes.self)
    }

    /// The fused kernel for Double logits, `DoubleLanes.scalarCount` positions at a time; nil as for Float.
    @usableFromInline
    func fusedValueAndGradient(logits: Tensor<Double>, targets: [Int]) -> (value: Tensor<Double>, gradient: Tensor<Double>)? {
        let layout = ClassAxisLayout(shape: logits.shape)
        guard layout.batch > 0, layout.classes > 0, layout.inner >= DoubleLanes.scalarCount else { return nil }
        return fusedValueAndGradient(logits: logits, targets: targets, lanes: DoubleLanes.self)
    }

    /// Positions per block: up to 8 KiB of each class row, and fewer when there
    /// are many classes, so that a block of logits and of gradient (2·C rows)
    /// stays within 384 KiB, in L2, between the passes. A whole number of vectors.
    static func blockPositions(classes: Int, width: Int, vectorEnd: Int, stride: Int) -> Int {
        let perRow = 8192 / stride, budget = 384 * 1024 / (2 * classes * stride)
        return Swift.max(width, Swift.min(perRow, budget, vectorEnd) / width * width)
    }

    /// Class-index cross-entropy vectorised along the spatial axis, for logits `[N, C, d1…dk]`.
    ///
    /// The lanes of `V` are neighbouring spatial positions of one image, so a
    /// class row is read as whole vectors and no lane waits on another. Rows
    /// are cut into blocks of up to 8 KiB; per block, each pass walks whole class
    /// rows one after another (one sequential stream at a time, which the
    /// hardware prefetcher follows, instead of C interleaved ones): the
    /// maxima over classes; `e = exp(x − m)` into the gradient rows and its
    /// sum; per vector the loss and the factor `scale·w/s`; each gradient row
    /// scaled in place; the one-hot term. Logits are read from memory once and
    /// the gradient written once; the block's rows stay in cache between
    /// passes. Positions after the last whole vector of a row take the scalar path.
    func fusedValueAndGradient<V: ExponentialLanes>(
        logits: Tensor<V.Scalar>, targets: [Int], lanes _: V.Type
    ) -> (value: Tensor<V.Scalar>, gradient: Tensor<V.Scalar>) {
        typealias S = V.Scalar
        let layout = ClassAxisLayout(shape: logits.shape)
        let classes = layout.classes, inner = layout.inner, width = V.scalarCount
        let plan = ClassIndexPlan(self, targets: targets, classes: classes, weights: classWeights(S.self, classes: classes))
        let perElementNeeded = reduction == .none
        // Unweighted sums need Σ_j log s_j only, which is log Π_j s_j: one log per vector
        // instead of one per position, while the product (each s_j ≤ C) cannot overflow.
        let logOfProduct = !perElementNeeded && plan.unweighted && Double.pow(Double(classes), Double(width)) < 1e30
        let vectorEnd = inner - inner % width
        let block = Self.blockPositions(classes: classes, width: width, vectorEnd: vectorEnd, stride: MemoryLayout<S>.stride)
        let oneMinusEpsilon = 1 - plan.epsilon
        let smoothingTotal = plan.smoothing * plan.weightTotal
        let oneHotScale = plan.scale * oneMinusEpsilon
        let smoothingShift = plan.weights.map { plan.scale * plan.smoothing * $0 }
        var perElement = [S](repeating: 0, count: perElementNeeded ? layout.elementCount : 0)
        var total = 0.0
        // Scratch, once per call: per position the maximum, the sum, Σ_c w_c·(x_c − m) and the gradient factor,
        // and three vectors of gathers.
        let scratch = UnsafeMutablePointer<S>.allocate(capacity: 4 * block + 3 * width)
        defer { scratch.deallocate() }
        let maxima = scratch, sums = maxima + block, shifts = sums + block, factors = shifts + block
        let lanes = factors + block
        @inline(__always) func load(_ p: UnsafePointer<S>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func load(_ p: UnsafeMutablePointer<S>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<S>) {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
        }
        // The offsets 0, width, 2·width, … below `count`: a plain counter, where `stride(from:to:by:)`
        // spends a dozen instructions per step on overflow and direction checks.
        @inline(__always) func forEachVector(_ count: Int, _ body: (Int) -> Void) {
            var v = 0
            while v < count {
                body(v)
                v &+= width
            }
        }
        let gradient = [S](unsafeUninitializedCapacity: logits.count) { g, initialized in
            logits.scalars.withUnsafeBufferPointer { xBuffer in
                targets.withUnsafeBufferPointer { tBuffer in
                    perElement.withUnsafeMutableBufferPointer { lBuffer in
                        plan.weights.withUnsafeBufferPointer { wBuffer in
                            let x = xBuffer.baseAddress!, t = tBuffer.baseAddress!, w = wBuffer.baseAddress!
                            let gBase = g.baseAddress!
                            adviseHugePages(gBase, byteCount: logits.count * MemoryLayout<S>.stride)
                            for n in 0..<layout.batch {
                                for start in stride(from: 0, to: vectorEnd, by: block) {
                                    let rowBase = n * classes * inner
                                    let count = Swift.min(block, vectorEnd - start)
                                    let xb = x + rowBase + start, gb = gBase + rowBase + start
                                    let tb = t + n * inner + start
                                    // Every pass walks whole class rows, one after another, so each is a single
                                    // sequential stream the hardware prefetcher follows.
                                    // 1. m = max over classes.
                                    forEachVector(count) { v in store(load(xb + v), maxima + v) }
                                    for c in 1..<classes {
                                        let row = xb + c * inner
                                        forEachVector(count) { v in
                                            store(V.maximum(load(maxima + v), load(row + v)), maxima + v)
                                        }
                                    }
                                    // 2. e = exp(x − m) into the gradient row, its sum s (and Σ w·(x − m) when smoothing).
                                    for c in 0..<classes {
                                        let row = xb + c * inner, out = gb + c * inner
                                        if plan.epsilon == 0 {
                                            if c == 0 {
                                                forEachVector(count) { v in
                                                    let e = V.expNonPositive(load(row + v) - load(maxima + v))
                                                    store(e, out + v)
                                                    store(e, sums + v)
                                                }
                                            } else {
                                                forEachVector(count) { v in
                                                    let e = V.expNonPositive(load(row + v) - load(maxima + v))
                                                    store(e, out + v)
                                                    store(load(sums + v) + e, sums + v)
                                                }
                                            }
                                        } else {
                                            let wc = w[c]
                                            forEachVector(count) { v in
                                                let shifted = load(row + v) - load(maxima + v)
                                                let e = V.expNonPositive(shifted)
                                                store(e, out + v)
                                                store(c == 0 ? e : load(sums + v) + e, sums + v)
                                                store(c == 0 ? wc * shifted : load(shifts + v) + wc * shifted, shifts + v)
                                            }
                                        }
                                    }
                                    if plan.epsilon == 0 {
                                        forEachVector(count) { v in store(V(), shifts + v) }
                                    }
                                    // 3. Per vector of positions: the loss, and the factor scale·((1−ε)·w_y + (ε/C)·Σw)/s.
                                    forEachVector(count) { v in
                                        // Gather each lane's target weight and logit; ignored lanes keep zeros.
                                        for j in 0..<width {
                                            let y = tb[v + j]
                                            let isCounted = y != ignoreIndex
                                            lanes[j] = isCounted ? w[y] : 0
                                            lanes[width + j] = isCounted ? xb[y * inner + v + j] : 0
                                            lanes[2 * width + j] = isCounted ? 1 : 0
                                        }
                                        let m = load(maxima + v), s = load(sums + v)
                                        let wy = load(lanes), counted = load(lanes + 2 * width)
                                        let xy = V.select(load(lanes + width), else: m, whereZero: counted)
                                        let shift = load(shifts + v)
                                        // −w_y·log p_y = w_y·(m − x_y) + w_y·log s.
                                        let hard = wy * (m - xy)
                                        if logOfProduct {
                                            store(V.select(s, else: V(repeating: 1), whereZero: counted), lanes)
                                            var product: S = 1
                                            for j in 0..<width { product *= lanes[j] }
                                            let logs = S.log(product)
                                            let smooth = plan.weightTotal * logs - (counted * shift).sum()
                                            total += Double(oneMinusEpsilon * (hard.sum() + logs) + plan.smoothing * smooth)
                                        } else {
                                            store(s, lanes)
                                            for j in 0..<width { lanes[j] = S.log(lanes[j]) }
                                            let logS = V.select(load(lanes), else: V(), whereZero: counted)
                                            let smooth = counted * (plan.weightTotal * logS - shift)
                                            let loss = oneMinusEpsilon * (hard + wy * logS) + plan.smoothing * smooth
                                            if perElementNeeded {
                                                store(loss, lBuffer.baseAddress! + n * inner + start + v)
                                            } else {
                                                total += Double(loss.sum())
                                            }
                                        }
                                        store(plan.scale * (oneMinusEpsilon * wy + smoothingTotal * counted) / s, factors + v)
                                    }
                                    // 4. ∂l/∂x_c = e_c·factor − scale·(ε/C)·w_c, in place over the rows of e.
                                    for c in 0..<classes {
                                        let row = gb + c * inner
                                        if plan.epsilon == 0 {
                                            forEachVector(count) { v in
                                                store(load(row + v) * load(factors + v), row + v)
                                            }
                                        } else {
                                            let k = smoothingShift[c]
                                            forEachVector(count) { v in
                                                let counted = V.select(V(repeating: 1), else: V(), whereZero: load(factors + v))
                                                store(load(row + v) * load(factors + v) - k * counted, row + v)
                                            }
                                        }
                                    }
                                    // 5. − scale·(1−ε)·w_y at the target class.
                                    for j in 0..<count where tb[j] != ignoreIndex {
                                        gb[tb[j] * inner + j] -= oneHotScale * w[tb[j]]
                                    }
                                }
                            }
                            for n in 0..<layout.batch {
                                let rowBase = n * classes * inner
                                for i in vectorEnd..<inner {
                                    let loss = elementLossAndGradient(
                                        logits: x + rowBase + i, gradient: gBase + rowBase + i, stride: inner,
                                        target: t[n * inner + i], plan: plan)
                                    if perElementNeeded { lBuffer[n * inner + i] = loss } else { total += Double(loss) }
                                }
                            }
                        }
                    }
                }
            }
            initialized = logits.count
        }
        return (plan.reduced(perElement: perElement, total: total, shape: layout.elementShape(from: logits.shape)),
                Tensor(shape: logits.shape, scalars: gradient))
    }
}
