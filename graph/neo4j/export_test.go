package neo4j

// SetAfterAnnounce makes every write of this process run f between its
// announcement and its commit: tests stop a writer there.
func SetAfterAnnounce(f func()) { afterAnnounce = f }
