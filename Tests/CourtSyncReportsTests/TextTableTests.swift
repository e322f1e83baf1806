import CourtSyncReports
import Testing

@Suite struct TextTableTests {
    @Test func chineseTextTakesTwoColumns() {
        #expect(TextTable.displayWidth("粤0304") == 6)
        #expect(TextTable.displayWidth("（2024）") == 8)
    }

    @Test func columnsAlignByDisplayWidth() {
        let table = TextTable(headers: ["法院", "新收"], rows: [["粤0304", "12"], ["粤03", "7"]], rightAligned: [1])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.map(TextTable.displayWidth) == [12, 12, 12, 12])
        #expect(lines[3] == "粤03" + String(repeating: " ", count: 7) + "7")
    }
}
