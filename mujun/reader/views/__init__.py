"""The reader's pages: the reports read and their review, and the comparison with peers."""
