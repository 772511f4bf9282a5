package extract

import "strings"

// KnowsPerson reports whether a person's node id comes from the gazetteer
// (person:ID of a well-known person): such an id is already shared by every
// article that names them, in either script.
func (x *Extractor) KnowsPerson(id string) bool {
	slug, ok := strings.CutPrefix(id, "person:")
	return ok && x.gaz.Persons[slug] != nil
}
