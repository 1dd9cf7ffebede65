import RealModule

extension CrossEntropyLoss {
    /// Class-index cross-entropy vectorised along the spatial axis, for logits `[N, C, d1…dk]`.
    ///
    /// The lanes of `V` are neighbouring spatial positions of one image, so a
    /// class row is read as whole vectors and no lane waits on another. Rows
    /// are cut into blocks of about 1 KiB; per block: `e = exp(x − m)` into a
    /// scratch block and its sum while the next block's maxima over classes
    /// are taken (its loads overlap this arithmetic), then per vector the loss and `scale·w/s`,
    /// then each gradient row written once as `e·scale·w/s`, then the one-hot
    /// term. Logits are read from memory once and the gradient written once;
    /// the rest stays in cache. Positions after the last whole vector of a row
    /// take the scalar path.
    @inlinable
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
        let block = Swift.max(width, 1024 / MemoryLayout<S>.stride / width * width)
        let oneMinusEpsilon = 1 - plan.epsilon
        let smoothingTotal = plan.smoothing * plan.weightTotal
        let oneHotScale = plan.scale * oneMinusEpsilon
        let smoothingShift = plan.weights.map { plan.scale * plan.smoothing * $0 }
        var perElement = [S](repeating: 0, count: perElementNeeded ? layout.elementCount : 0)
        var total = 0.0
        // Scratch, once per call: e for a block of every class, then per position
        // the maximum, the sum, Σ_c w_c·(x_c − m), the gradient factor, and three vectors of gathers.
        let scratch = UnsafeMutablePointer<S>.allocate(capacity: (classes + 5) * block + 3 * width)
        defer { scratch.deallocate() }
        let exps = scratch, maxima = scratch + classes * block, nextMaxima = maxima + block, sums = nextMaxima + block
        let shifts = sums + block, factors = shifts + block, lanes = factors + block
        @inline(__always) func load(_ p: UnsafePointer<S>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func load(_ p: UnsafeMutablePointer<S>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<S>) {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
        }
        let gradient = [S](unsafeUninitializedCapacity: logits.count) { g, initialized in
            logits.scalars.withUnsafeBufferPointer { xBuffer in
                targets.withUnsafeBufferPointer { tBuffer in
                    perElement.withUnsafeMutableBufferPointer { lBuffer in
                        plan.weights.withUnsafeBufferPointer { wBuffer in
                            let x = xBuffer.baseAddress!, t = tBuffer.baseAddress!, w = wBuffer.baseAddress!
                            let gBase = g.baseAddress!
                            adviseHugePages(gBase, byteCount: logits.count * MemoryLayout<S>.stride)
                            // Blocks go in order (n, start); block k + 1's maxima are taken while block k's
                            // exps are computed, so its logits stream in from memory under that arithmetic.
                            func successor(_ n: Int, _ start: Int) -> (n: Int, start: Int)? {
                                if start + block < vectorEnd { return (n, start + block) }
                                return n + 1 < layout.batch ? (n + 1, 0) : nil
                            }
                            var current = maxima, upcoming = nextMaxima
                            var position: (n: Int, start: Int)? = vectorEnd > 0 ? (0, 0) : nil
                            if position != nil {
                                let count = Swift.min(block, vectorEnd)
                                for v in stride(from: 0, to: count, by: width) { store(load(x + v), current + v) }
                                for c in 1..<classes {
                                    for v in stride(from: 0, to: count, by: width) {
                                        store(V.maximum(load(current + v), load(x + c * inner + v)), current + v)
                                    }
                                }
                            }
                            while let (n, start) = position {
                                let following = successor(n, start)
                                let rowBase = n * classes * inner
                                let count = Swift.min(block, vectorEnd - start)
                                let xb = x + rowBase + start, gb = gBase + rowBase + start
                                let tb = t + n * inner + start
                                let nextCount = following.map { Swift.min(block, vectorEnd - $0.start) } ?? 0
                                let xn = following.map { x + $0.n * classes * inner + $0.start } ?? x
                                // 1. e = exp(x − m) and its sum (and Σ w·(x − m) when smoothing); the next block's maxima.
                                for v in stride(from: 0, to: Swift.max(count, nextCount), by: width) {
                                    if v >= count {
                                        var next = load(xn + v)
                                        for c in 1..<classes { next = V.maximum(next, load(xn + c * inner + v)) }
                                        store(next, upcoming + v)
                                        continue
                                    }
                                    let m = load(current + v)
                                    // Past the end of the next block, the maxima are taken over this block's rows and dropped.
                                    let ahead = v < nextCount ? xn : xb
                                    var s = V(), shift = V(), next = load(ahead + v)
                                    for c in 0..<classes {
                                        let shifted = load(xb + c * inner + v) - m
                                        let e = V.expNonPositive(shifted)
                                        store(e, exps + c * block + v)
                                        s += e
                                        if plan.epsilon != 0 { shift += w[c] * shifted }
                                        next = V.maximum(next, load(ahead + c * inner + v))
                                    }
                                    if v < nextCount { store(next, upcoming + v) }
                                    store(s, sums + v)
                                    store(shift, shifts + v)
                                }
                                // 2. Per vector of positions: the loss, and the factor scale·((1−ε)·w_y + (ε/C)·Σw)/s.
                                for v in stride(from: 0, to: count, by: width) {
                                    // Gather each lane's target weight and logit; ignored lanes keep zeros.
                                    for j in 0..<width {
                                        let y = tb[v + j]
                                        let isCounted = y != ignoreIndex
                                        lanes[j] = isCounted ? w[y] : 0
                                        lanes[width + j] = isCounted ? xb[y * inner + v + j] : 0
                                        lanes[2 * width + j] = isCounted ? 1 : 0
                                    }
                                    let m = load(current + v), s = load(sums + v)
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
                                // 3. ∂l/∂x_c = e_c·factor − scale·(ε/C)·w_c, each gradient row written once.
                                for c in 0..<classes {
                                    let row = gb + c * inner, e = exps + c * block
                                    if plan.epsilon == 0 {
                                        for v in stride(from: 0, to: count, by: width) {
                                            store(load(e + v) * load(factors + v), row + v)
                                        }
                                    } else {
                                        let k = smoothingShift[c]
                                        for v in stride(from: 0, to: count, by: width) {
                                            let counted = V.select(V(repeating: 1), else: V(), whereZero: load(factors + v))
                                            store(load(e + v) * load(factors + v) - k * counted, row + v)
                                        }
                                    }
                                }
                                // 4. − scale·(1−ε)·w_y at the target class.
                                for j in 0..<count where tb[j] != ignoreIndex {
                                    gb[tb[j] * inner + j] -= oneHotScale * w[tb[j]]
                                }
                                swap(&current, &upcoming)
                                position = following
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
