// Package gazetteer is what Alaqat knows before reading an article: every
// country with its Arabic and English names, ISO codes, demonyms and main
// cities; office titles; well-known organizations; and the lexicon of words
// the extraction rules read (honorifics, signing verbs, month names …).
//
// The data are TSV files embedded from data/; analysts add their own with
// Load on a folder of files of the same shapes. Lookups work on folded
// tokens (graph.Fold), and the first word of a phrase may carry Arabic
// clitics (و ب ل ال), so "وبالدوحة" finds Doha.
package gazetteer

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/arabic"
)

//go:embed data/*.tsv
var data embed.FS

// Country is a state as the gazetteer knows it.
type Country struct {
	ISO2, ISO3 string
	NamesEN    []string
	NamesAR    []string
	DemonymsEN []string
	DemonymsAR []string
	CitiesEN   []string // the capital first
	CitiesAR   []string
}

// Organization is a well-known organization.
type Organization struct {
	ID      string // slug: the tail of the node id org:ID
	Kind    graph.OrgKind
	Country string // ISO2 of its home, or ""
	NamesEN []string
	NamesAR []string
}

// Office is an office title in its canonical English form.
type Office struct {
	Title   string
	FormsEN []string
	FormsAR []string
	OrgEN   string // the ministry or body it belongs to, if any
	OrgAR   string
}

// Person is a well-known public figure: the gazetteer gives them a stable
// id and both spellings of their name.
type Person struct {
	ID      string // slug: the tail of the node id person:ID
	Country string // ISO2 of the country they serve, or ""
	Office  string // their best-known office, for people; not asserted as a fact
	NamesEN []string
	NamesAR []string
}

// EntryType says what a matched phrase names.
type EntryType int

// What a phrase can name.
const (
	CountryName EntryType = iota
	Demonym
	City
	OrganizationName
	OfficeTitle
	MinistryName // a ministry of no particular country: "وزارة الدفاع", "Defence Ministry"
)

// Entry is one meaning of a phrase.
type Entry struct {
	Type         EntryType
	Country      *Country      // CountryName, Demonym, City; an organization's home
	Organization *Organization // OrganizationName
	Office       *Office       // OfficeTitle, MinistryName
	City         string        // City: the English name of the city
}

// Gazetteer indexes known names by their folded tokens.
type Gazetteer struct {
	Countries     map[string]*Country      // by ISO2
	Organizations map[string]*Organization // by ID
	Offices       []*Office
	Persons       map[string]*Person // by ID
	personNames   map[string]*Person // by folded full name
	surnames      map[string]*Person // by folded distinctive surname ("Macron")
	phrases       *trie              // → []Entry
	lexicon       map[string]*trie
	titles        map[string]string            // titles.tsv: the words of Arabic titles by key
	categories    [64][]category               // lexicon by categoryHash, as addWord makes them
	personIndex   atomic.Pointer[namePrefixes] // of personNames, for PersonNamePrefix
}

// namePrefixes is every start of the n names of a map, cut between runes.
type namePrefixes struct {
	n        int
	prefixes map[string]struct{}
}

// category is a lexicon category and its trie.
type category struct {
	name string
	t    *trie
}

// categoryHash is a cheap hash of a category's name: the rules look up a
// few categories for every word, and the map's hashing showed.
func categoryHash(name string) int {
	if name == "" {
		return 0
	}
	h := uint32(len(name))
	h = h*31 + uint32(name[0])
	h = h*31 + uint32(name[len(name)/2])
	h = h*31 + uint32(name[len(name)-1])
	return int(h * 0x9E3779B1 >> 26) // the top six bits of a Fibonacci hash
}

// category returns the trie of a lexicon category, or nil.
func (g *Gazetteer) category(name string) *trie {
	for _, c := range g.categories[categoryHash(name)] {
		if c.name == name {
			return c.t
		}
	}
	return g.lexicon[name]
}

type trie struct {
	next    map[string]*trie
	ends    [4]uint64 // the last bytes of the keys of next, as a set
	empty   bool      // next has the key ""
	entries []Entry
	values  []string // lexicon values
	caseSen []string // forms that only match as written (short all-caps)
	anyCase bool     // some form of this phrase is not short caps ("Eni" beside "ENI")
}

func newTrie() *trie { return &trie{next: map[string]*trie{}} }

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the gazetteer built from the embedded data. It panics if
// the embedded data are broken, which the package's tests rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		sub, _ := fs.Sub(data, "data")
		defaultGaz, defaultErr = Load(sub)
	})
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultGaz
}

// WithExtra returns a new gazetteer of the embedded data and the files of
// dir (the same TSV shapes: an analyst's own countries, offices,
// organizations, persons and words), or an error naming the bad file and
// line.
func WithExtra(dir string) (*Gazetteer, error) {
	sub, _ := fs.Sub(data, "data")
	g, err := Load(sub)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if err := g.Add(os.DirFS(dir)); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return g, nil
}

// Load builds a gazetteer from the files countries.tsv, offices.tsv,
// organizations.tsv and lexicon.tsv of fsys (each optional).
func Load(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{Countries: map[string]*Country{}, Organizations: map[string]*Organization{}, Persons: map[string]*Person{},
		personNames: map[string]*Person{}, surnames: map[string]*Person{}, phrases: newTrie(), lexicon: map[string]*trie{}}
	if err := g.Add(fsys); err != nil {
		return nil, err
	}
	return g, nil
}

// Add reads the same files as Load from fsys into g: an analyst's own
// countries, offices, organizations and words extend the embedded ones.
func (g *Gazetteer) Add(fsys fs.FS) error {
	for _, f := range []struct {
		name string
		cols int
		add  func([]string) error
	}{
		{"countries.tsv", 8, g.addCountry},
		{"offices.tsv", 5, g.addOffice},
		{"organizations.tsv", 5, g.addOrganization},
		{"persons.tsv", 5, g.addPerson},
		{"lexicon.tsv", 3, g.addWord},
		{"titles.tsv", 2, g.addTitleWord},
	} {
		if err := readTSV(fsys, f.name, f.cols, f.add); err != nil {
			return err
		}
	}
	return nil
}

func readTSV(fsys fs.FS, name string, cols int, add func([]string) error) error {
	file, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		for len(fields) < cols {
			fields = append(fields, "")
		}
		if len(fields) > cols {
			return fmt.Errorf("gazetteer: %s:%d: %d columns, want %d", path.Base(name), line, len(fields), cols)
		}
		if err := add(fields); err != nil {
			return fmt.Errorf("gazetteer: %s:%d: %w", path.Base(name), line, err)
		}
	}
	return sc.Err()
}

func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (g *Gazetteer) addCountry(f []string) error {
	c := &Country{ISO2: f[0], ISO3: f[1], NamesEN: list(f[2]), NamesAR: list(f[3]), DemonymsEN: list(f[4]), DemonymsAR: list(f[5]), CitiesEN: list(f[6]), CitiesAR: list(f[7])}
	if len(c.ISO2) != 2 || len(c.NamesEN) == 0 || len(c.NamesAR) == 0 {
		return fmt.Errorf("country %q needs an ISO2 code and names in both languages", c.ISO2)
	}
	g.Countries[c.ISO2] = c
	for _, n := range append(slices.Clone(c.NamesEN), c.NamesAR...) {
		g.phrase(n, Entry{Type: CountryName, Country: c})
	}
	for _, n := range append(slices.Clone(c.DemonymsEN), c.DemonymsAR...) {
		g.phrase(n, Entry{Type: Demonym, Country: c})
	}
	cityEN := ""
	if len(c.CitiesEN) > 0 {
		cityEN = c.CitiesEN[0]
	}
	for _, n := range c.CitiesEN {
		g.phrase(n, Entry{Type: City, Country: c, City: n})
	}
	for i, n := range c.CitiesAR {
		name := cityEN
		if i < len(c.CitiesEN) {
			name = c.CitiesEN[i]
		}
		g.phrase(n, Entry{Type: City, Country: c, City: name})
	}
	return nil
}

func (g *Gazetteer) addOffice(f []string) error {
	o := &Office{Title: f[0], FormsEN: list(f[1]), FormsAR: list(f[2]), OrgEN: f[3], OrgAR: f[4]}
	if o.Title == "" {
		return fmt.Errorf("office without a title")
	}
	g.Offices = append(g.Offices, o)
	for _, n := range append(append([]string{o.Title}, o.FormsEN...), o.FormsAR...) {
		g.phrase(n, Entry{Type: OfficeTitle, Office: o})
	}
	// "Foreign Ministers A and B", "Presidents A of X and B of Y": a title
	// in the plural before two names.
	for _, n := range o.FormsEN {
		for _, w := range []string{"Minister", "President", "Premier"} {
			if strings.HasSuffix(n, w) {
				g.phrase(n+"s", Entry{Type: OfficeTitle, Office: o})
			}
		}
	}
	// Its ministry, which any country may have: "Ministry of Defence" is
	// also written "Defence Ministry".
	if rest, ok := strings.CutPrefix(o.OrgEN, "Ministry of "); ok && o.OrgAR != "" {
		for _, n := range []string{o.OrgEN, rest + " Ministry", o.OrgAR} {
			g.phrase(n, Entry{Type: MinistryName, Office: o})
		}
		// The minister's title names the ministry too: "Foreign Minister"
		// gives "Foreign Ministry", "Minister of Defense" "Ministry of
		// Defense", "وزير الخارجية" "وزارة الخارجية".
		for _, f := range o.FormsEN {
			if r, ok := strings.CutSuffix(f, " Minister"); ok && !strings.HasPrefix(r, "Deputy") {
				g.phrase(r+" Ministry", Entry{Type: MinistryName, Office: o})
			} else if _, r, ok := strings.Cut(f, "Minister of "); ok {
				g.phrase("Ministry of "+r, Entry{Type: MinistryName, Office: o})
			} else if _, r, ok := strings.Cut(f, "Minister for "); ok {
				g.phrase("Ministry for "+r, Entry{Type: MinistryName, Office: o})
			}
		}
		for _, f := range o.FormsAR {
			if r, ok := strings.CutPrefix(f, "وزير "); ok {
				g.phrase("وزارة "+r, Entry{Type: MinistryName, Office: o})
			}
		}
	}
	return nil
}

func (g *Gazetteer) addOrganization(f []string) error {
	o := &Organization{ID: f[0], Kind: graph.OrgKind(f[1]), Country: f[2], NamesEN: list(f[3]), NamesAR: list(f[4])}
	if o.ID == "" || len(o.NamesEN)+len(o.NamesAR) == 0 {
		return fmt.Errorf("organization needs an id and a name")
	}
	switch o.Kind {
	case graph.OrgCompany, graph.OrgMinistry, graph.OrgArmedForce, graph.OrgAgency, graph.OrgInternational, graph.OrgOther:
	default:
		return fmt.Errorf("organization %s: unknown kind %q", o.ID, o.Kind)
	}
	g.Organizations[o.ID] = o
	e := Entry{Type: OrganizationName, Organization: o, Country: g.Countries[o.Country]}
	for _, n := range append(slices.Clone(o.NamesEN), o.NamesAR...) {
		g.phrase(n, e)
	}
	return nil
}

func (g *Gazetteer) addPerson(f []string) error {
	p := &Person{ID: f[0], Country: f[1], Office: f[2], NamesEN: list(f[3]), NamesAR: list(f[4])}
	if p.ID == "" || len(p.NamesEN) == 0 {
		return fmt.Errorf("person needs an id and an English name")
	}
	g.Persons[p.ID] = p
	for _, n := range append(slices.Clone(p.NamesEN), p.NamesAR...) {
		// Only full names identify: a surname alone may be someone else's.
		if strings.Contains(strings.TrimSpace(n), " ") {
			g.personNames[graph.Fold(n)] = p
		} else {
			g.surnames[graph.Fold(n)] = p
		}
	}
	return nil
}

// PersonNamed returns the well-known person with this full name (any
// spelling the gazetteer lists, compared folded), or nil.
func (g *Gazetteer) PersonNamed(name string) *Person {
	return g.personNames[graph.Fold(name)]
}

// PersonNamedFolded is PersonNamed for a name folded already (graph.Fold).
func (g *Gazetteer) PersonNamedFolded(folded string) *Person {
	return g.personNames[folded]
}

// PersonBySurnameFolded is PersonBySurname for a surname folded already.
func (g *Gazetteer) PersonBySurnameFolded(folded string) *Person {
	return g.surnames[folded]
}

// PersonNamePrefix reports whether some full name of a well-known person
// (as PersonNamed knows it, folded) starts with the folded text prefix: a
// span of text whose folded form does not start with a listed name cannot
// be one, so a caller can skip PersonNamed on it.
func (g *Gazetteer) PersonNamePrefix(prefix string) bool {
	idx := g.personIndex.Load()
	if idx == nil || idx.n != len(g.personNames) {
		// Names are only ever added, so the count tells whether the index
		// is current; concurrent readers may each build it, all alike.
		idx = &namePrefixes{n: len(g.personNames), prefixes: map[string]struct{}{"": {}}}
		for name := range g.personNames {
			for i := range name {
				idx.prefixes[name[:i]] = struct{}{}
			}
			idx.prefixes[name] = struct{}{}
		}
		g.personIndex.Store(idx)
	}
	if _, ok := idx.prefixes[prefix]; ok {
		return true
	}
	// A prefix that cuts a rune short: rare, and read in full.
	if utf8.ValidString(prefix) {
		return false
	}
	for name := range g.personNames {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// PersonBySurname returns the well-known person the gazetteer lists under
// a distinctive surname alone ("Macron", "ماكرون"), or nil.
func (g *Gazetteer) PersonBySurname(name string) *Person {
	return g.surnames[graph.Fold(name)]
}

// addTitleWord reads a word of Arabic titles (titles.tsv): a key (a kind
// of agreement, a joining word, "topic:" and a topic) and its Arabic.
func (g *Gazetteer) addTitleWord(f []string) error {
	key, ar := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
	if key == "" || ar == "" {
		return fmt.Errorf("a title word needs a key and its Arabic")
	}
	if g.titles == nil {
		g.titles = map[string]string{}
	}
	g.titles[key] = ar
	return nil
}

// TitleWords returns the words that agreement and meeting titles are
// written with in Arabic (see graph.TitleWords).
func (g *Gazetteer) TitleWords() *graph.TitleWords {
	w := &graph.TitleWords{Kinds: map[graph.AgreementKind]string{}, Topics: map[string]string{},
		Meeting: g.titles["meeting"], Between: g.titles["between"], On: g.titles["on"], In: g.titles["in"], And: g.titles["and"]}
	for _, k := range graph.AgreementKinds {
		w.Kinds[k] = g.titles[string(k)]
	}
	for key, ar := range g.titles {
		if topic, ok := strings.CutPrefix(key, "topic:"); ok {
			w.Topics[topic] = ar
		}
	}
	return w
}

func (g *Gazetteer) addWord(f []string) error {
	cat, value := f[0], f[1]
	t := g.lexicon[cat]
	if t == nil {
		t = newTrie()
		g.lexicon[cat] = t
		h := categoryHash(cat)
		g.categories[h] = append(g.categories[h], category{cat, t})
	}
	for _, form := range list(f[2]) {
		n := t.insert(form)
		n.values = append(n.values, value)
	}
	return nil
}

func (g *Gazetteer) phrase(form string, e Entry) {
	n := g.phrases.insert(form)
	n.entries = append(n.entries, e)
}

// insert adds a phrase and returns its node. Short all-caps forms (US, UK,
// FM) are case-sensitive, so that "us" and "fm" in running text are not
// taken for them.
func (t *trie) insert(form string) *trie {
	toks := arabic.Tokenize(form)
	n := t
	for _, tok := range toks {
		if tok.Punct {
			continue
		}
		next := n.next[tok.Folded]
		if next == nil {
			next = newTrie()
			n.next[tok.Folded] = next
			n.noteKey(tok.Folded)
		}
		n = next
	}
	if isShortCaps(form) {
		n.caseSen = append(n.caseSen, strings.ReplaceAll(form, ".", ""))
	} else {
		n.anyCase = true
	}
	return n
}

// noteKey records the last byte of a key of next.
func (t *trie) noteKey(key string) {
	if key == "" {
		t.empty = true
		return
	}
	b := key[len(key)-1]
	t.ends[b>>6] |= 1 << (b & 63)
}

// mayHave reports whether next may have a key of any reading of a word
// folded as folded: every reading (arabic.Stems) of a word ends as the word
// does, so a word whose last byte ends no key has none.
func (t *trie) mayHave(folded string) bool {
	if folded == "" {
		return t.empty
	}
	b := folded[len(folded)-1]
	return t.ends[b>>6]&(1<<(b&63)) != 0
}

func isShortCaps(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	if len(s) > 4 || len(s) < 2 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
