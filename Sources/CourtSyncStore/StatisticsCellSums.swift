import GRDB
import GRDBSQLite

/// The current row of a statistics statement, read through SQLite's C API (``RawStatement``):
/// GRDB's `Row` checks each column's type and decodes the court and case type to `String` for
/// every one of millions of rows.
struct StatisticsRow {
    let handle: SQLiteStatement

    /// An integer column (0 or 1 for a count); NULL reads as 0.
    subscript(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// A column summed as SQL's `total()` sums it: as floating point, NULL adding nothing.
    func real(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// A text column as a `String` (invalid UTF-8 repaired, as GRDB does).
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))),
                      as: UTF8.self)
    }
}

/// The cells being summed by ``NodeStore/statisticsCells(courts:appealTypes:)``: a hash table from
/// (court, case type, month) to the counts, so that no statement has to sort its rows to group
/// them.
///
/// A row finds its cell by the bytes of its key columns (``PackedCellKey``), not by a
/// ``StatisticsCellKey``: making three `String`s per row and hashing them (non-ASCII text is
/// hashed through Unicode normalisation) cost as much as SQLite's reading of the row. Rows often
/// come in runs of one cell (a case's services), so the previous row's cell is tried first.
struct StatisticsCellSums {
    /// The sums SQL would take with `total()`: added as floating point and rounded once at the end.
    struct Totals {
        var trialDays = 0.0
        var amountApplied = 0.0
        var amountRecovered = 0.0
    }

    private var slots: [StatisticsCellKey: Int] = [:]
    private var packedSlots: [PackedCellKey: Int] = [:]
    private var keys: [StatisticsCellKey] = []
    private var counts: [StatisticsCounts] = []
    private var totals: [Totals] = []
    private var lastPacked: PackedCellKey?
    private var lastSlot = 0

    /// Adds a row whose first three columns are the court, the case type and the month.
    mutating func add(_ row: StatisticsRow, _ body: (inout StatisticsCounts, inout Totals, StatisticsRow) -> Void) {
        let packed = PackedCellKey(row)
        if packed == nil || packed != lastPacked {
            lastSlot = slot(row, packed)
            lastPacked = packed
        }
        body(&counts[lastSlot], &totals[lastSlot], row)
    }

    private mutating func slot(_ row: StatisticsRow, _ packed: PackedCellKey?) -> Int {
        if let packed, let slot = packedSlots[packed] { return slot }
        let key = StatisticsCellKey(courtCode: row.text(0), caseType: row.text(1), month: row.text(2))
        let slot: Int
        if let existing = slots[key] {
            slot = existing
        } else {
            slot = keys.count
            slots[key] = slot
            keys.append(key)
            counts.append(StatisticsCounts())
            totals.append(Totals())
        }
        if let packed { packedSlots[packed] = slot }
        return slot
    }

    /// The summed cells, totals rounded to whole days and fen.
    func cells() -> [StatisticsCellKey: StatisticsCounts] {
        var cells: [StatisticsCellKey: StatisticsCounts] = [:]
        cells.reserveCapacity(keys.count)
        for (slot, key) in keys.enumerated() {
            var cell = counts[slot]
            cell.trialDays = Int64(totals[slot].trialDays.rounded())
            cell.amountApplied = Int64(totals[slot].amountApplied.rounded())
            cell.amountRecovered = Int64(totals[slot].amountRecovered.rounded())
            cells[key] = cell
        }
        return cells
    }
}

/// The bytes of a row's three key columns, each preceded by its length, in 32 bytes (a court code
/// such as `粤0304` is 7 bytes, a case type at most 12, a month 7); nil when they do not fit, and
/// the row then finds its cell by ``StatisticsCellKey`` alone.
struct PackedCellKey: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init?(_ row: StatisticsRow) {
        let fits = withUnsafeMutableBytes(of: &words) { buffer -> Bool in
            var offset = 0
            for column in Int32(0)..<3 {
                guard let text = sqlite3_column_text(row.handle, column) else { return false }
                let count = Int(sqlite3_column_bytes(row.handle, column))
                guard count < 256, offset + 1 + count <= buffer.count else { return false }
                buffer[offset] = UInt8(count)
                (buffer.baseAddress! + offset + 1).copyMemory(from: text, byteCount: count)
                offset += 1 + count
            }
            return true
        }
        guard fits else { return nil }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
