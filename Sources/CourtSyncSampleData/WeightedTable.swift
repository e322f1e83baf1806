/// A fixed list of values with integer weights, drawn from with a ``SeededRandom``.
///
/// Integer weights keep the draw exact on every machine (no floating point).
struct WeightedTable<Value: Sendable>: Sendable {
    /// The values, in the order given.
    let values: [Value]
    private let cumulative: [Int]

    /// The sum of the weights.
    var total: Int { cumulative.last ?? 0 }

    /// A table of `(value, weight)` pairs; entries with a weight of 0 or less are left out.
    init(_ entries: [(Value, Int)]) {
        var values: [Value] = []
        var cumulative: [Int] = []
        var sum = 0
        for (value, weight) in entries where weight > 0 {
            sum += weight
            values.append(value)
            cumulative.append(sum)
        }
        precondition(!values.isEmpty, "a weighted table needs at least one positive weight")
        self.values = values
        self.cumulative = cumulative
    }

    /// A value drawn with probability proportional to its weight.
    func draw(_ rng: inout SeededRandom) -> Value {
        let target = rng.below(total)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return values[low]
    }
}
