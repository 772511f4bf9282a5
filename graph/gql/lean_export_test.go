package gql

// LeanAnswers is how many timelines the lean path has written so far.
func LeanAnswers() int64 { return leanAnswers.Load() }
