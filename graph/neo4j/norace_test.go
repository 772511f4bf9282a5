//go:build !race

package neo4j_test

// raceDetector tells the tests that the race detector slows this binary.
const raceDetector = false
