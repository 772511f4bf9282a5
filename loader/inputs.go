package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// importable lists the file extensions a folder walk picks up.
var importable = []string{".txt", ".text", ".html", ".htm", ".md", ".markdown", ".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom"}

func isImportable(name string) bool {
	return slices.Contains(importable, strings.ToLower(filepath.Ext(name)))
}

// Inputs turns paths into the files to read, each once, in the order
// named: a file itself (whatever its extension), every importable file
// under a folder (hidden ones left out) in name order, "-" for standard
// input, http(s) URLs as they are, and the matches of a glob pattern (*,
// ?, [a-z], and ** for any number of folders) that the shell left
// unexpanded, in name order. A path that names nothing is a failure.
func Inputs(paths []string) ([]string, []Failure) {
	files, _, fails := inputs(paths)
	return files, fails
}

// inputs is Inputs, and also what a folder walk or a pattern left out, as
// warnings: each file without an extension (it may well be an article),
// and per folder named, how many files of other extensions.
func inputs(paths []string) (files []string, skipped, fails []Failure) {
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, p := range paths {
		if p == "-" || IsURL(p) {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil && hasMeta(p) {
			matches, left, gerr := glob(p)
			switch {
			case gerr != nil:
				fails = append(fails, Failure{Origin: p, Err: fmt.Errorf("bad pattern: %w", gerr)})
			case len(matches) == 0 && len(left) == 0:
				fails = append(fails, Failure{Origin: p, Err: errors.New("no file matches")})
			}
			for _, m := range matches {
				add(m)
			}
			skipped = append(skipped, left...)
			continue
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			fails = append(fails, Failure{Origin: p, Err: err})
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		found, left, err := walk(p)
		if err != nil {
			fails = append(fails, Failure{Origin: p, Err: err})
		}
		for _, f := range found {
			add(f)
		}
		skipped = append(skipped, left...)
	}
	return files, skipped, fails
}

// IsURL reports whether an input names a web page or feed rather than a
// file.
func IsURL(p string) bool {
	return strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "http://")
}

// ErrNoExtension is the warning for a file a folder walk left out for
// having no extension.
var ErrNoExtension = errors.New("skipped: no extension (name the file itself, or rename it NAME.txt, to import it)")

// leftOut sorts the files a walk under root did not pick: one warning per
// file without an extension, one for all of other extensions.
type leftOut struct {
	noExt []string
	other map[string]int // by extension
}

func (l *leftOut) add(path string) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		l.noExt = append(l.noExt, path)
		return
	}
	if l.other == nil {
		l.other = map[string]int{}
	}
	l.other[ext]++
}

func (l *leftOut) warnings(root string) []Failure {
	var out []Failure
	for _, f := range l.noExt {
		out = append(out, Failure{Origin: f, Err: ErrNoExtension})
	}
	if len(l.other) > 0 {
		exts := make([]string, 0, len(l.other))
		n := 0
		for e, k := range l.other {
			exts = append(exts, fmt.Sprintf("%s %d", e, k))
			n += k
		}
		slices.Sort(exts)
		noun := "files"
		if n == 1 {
			noun = "file"
		}
		out = append(out, Failure{Origin: root, Err: fmt.Errorf("skipped %d %s of other types (%s)", n, noun, strings.Join(exts, ", "))})
	}
	return out
}

// walk lists the importable files under dir, hidden ones left out, in name
// order, and warns of the others (leftOut).
func walk(dir string) ([]string, []Failure, error) {
	var files []string
	var left leftOut
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if isImportable(path) {
			files = append(files, path)
		} else if d.Type().IsRegular() {
			left.add(path)
		}
		return nil
	})
	return files, left.warnings(dir), err
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// glob expands a pattern: filepath.Glob's, where a "**" segment also
// matches any number of folders. Matched folders are walked; matched
// files are kept when importable, or when the pattern's last segment names
// their extension itself ("logs/*.log"). Matched files without an
// extension are warned of (ErrNoExtension), as walks do.
func glob(pattern string) ([]string, []Failure, error) {
	var matches []string
	if !strings.Contains(pattern, "**") {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, nil, err
		}
		psegs := strings.Split(filepath.ToSlash(filepath.Clean(pattern)), "/")
		for _, x := range m {
			if !hidden(psegs, strings.Split(filepath.ToSlash(filepath.Clean(x)), "/")) {
				matches = append(matches, x)
			}
		}
	} else {
		segs := strings.Split(filepath.ToSlash(pattern), "/")
		k := slices.IndexFunc(segs, func(s string) bool { return strings.Contains(s, "**") })
		root := strings.Join(segs[:k], "/")
		switch {
		case root == "" && k > 0:
			root = "/"
		case root == "":
			root = "."
		}
		roots := []string{filepath.FromSlash(root)}
		if hasMeta(root) {
			m, err := filepath.Glob(filepath.FromSlash(root))
			if err != nil {
				return nil, nil, err
			}
			roots = m
		}
		rest := segs[k:]
		for _, seg := range rest {
			if _, err := path.Match(strings.ReplaceAll(seg, "**", "*"), ""); err != nil {
				return nil, nil, err
			}
		}
		for _, r := range roots {
			filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil // unreadable folders are left out, as by filepath.Glob
				}
				if strings.HasPrefix(d.Name(), ".") && p != r {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				rel, err := filepath.Rel(r, p)
				if err != nil || rel == "." {
					return nil
				}
				if matchSegments(rest, strings.Split(filepath.ToSlash(rel), "/")) {
					matches = append(matches, p)
				}
				return nil
			})
		}
	}
	last := filepath.Base(pattern)
	explicitExt := strings.Contains(last, ".") && !hasMeta(filepath.Ext(last))
	var out []string
	var skipped []Failure
	for _, m := range matches {
		info, err := os.Stat(m)
		switch {
		case err != nil:
		case info.IsDir():
			found, left, _ := walk(m)
			out = append(out, found...)
			skipped = append(skipped, left...)
		case explicitExt || isImportable(m):
			out = append(out, m)
		case filepath.Ext(m) == "":
			skipped = append(skipped, Failure{Origin: m, Err: ErrNoExtension})
		}
	}
	slices.Sort(out)
	return slices.Compact(out), skipped, nil
}

// hidden reports whether a match has a hidden segment (".cache") where
// its pattern's segment does not ask for one, as shells leave those out.
func hidden(pat, name []string) bool {
	for i := range min(len(pat), len(name)) {
		if strings.HasPrefix(name[i], ".") && !strings.HasPrefix(pat[i], ".") {
			return true
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, "**"
// standing for any number of segments (a "**" inside a segment is "*").
func matchSegments(pat, name []string) bool {
	if len(pat) == 0 {
		return len(name) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(name); i++ {
			if matchSegments(pat[1:], name[i:]) {
				return true
			}
		}
		return false
	}
	if len(name) == 0 {
		return false
	}
	ok, _ := path.Match(strings.ReplaceAll(pat[0], "**", "*"), name[0])
	return ok && matchSegments(pat[1:], name[1:])
}
