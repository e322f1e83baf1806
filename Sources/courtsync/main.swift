import CourtSyncCLI

await CourtSyncMain.run()
