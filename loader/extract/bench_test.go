package extract_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/alaqat/alaqat/graph"
)

// BenchmarkExtract measures extraction alone on the seed article (about
// 7 KB of Arabic): go test -bench Extract -benchmem ./loader/extract
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile("../../seeds/000_cdc891ae099bd5bd.txt")
	if err != nil {
		b.Fatal(err)
	}
	head, body, _ := strings.Cut(string(data), "\n")
	title, _, _ := strings.Cut(head, " | ")
	a := article(title, strings.TrimSpace(body), nil)
	x.Extract(a) // load the gazetteer outside the timing
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	var facts *graph.Facts
	for b.Loop() {
		facts = x.Extract(a)
	}
	reportCPU(b, int64(len(a.Text)), cpuTime()-cpu)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if len(facts.Nodes) == 0 {
		b.Fatal("nothing extracted")
	}
}

// BenchmarkExtractCorpus measures extraction throughput on a generated
// corpus of a few hundred Arabic, English and mixed articles (see
// corpus_test.go), one goroutine, so MB/s is per core:
// go test -run XXX -bench ExtractCorpus -benchmem ./loader/extract
func BenchmarkExtractCorpus(b *testing.B) {
	arts := corpus(300)
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text))
		x.Extract(a)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	nodes := 0
	for b.Loop() {
		nodes = 0
		for _, a := range arts {
			nodes += len(x.Extract(a).Nodes)
		}
	}
	reportCPU(b, size, cpuTime()-cpu)
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
	if nodes == 0 {
		b.Fatal("nothing extracted")
	}
}

// reportCPU reports throughput per second of the process's CPU time
// (MB/cpu-s), garbage collection included: on a machine shared with other
// work, wall-clock MB/s falls with the load and this much less.
func reportCPU(b *testing.B, size int64, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

// TestEvidenceQuotesReadAsRunes checks that every quote is the text between
// its rune offsets, in the generated corpus and in a text with an invalid
// byte (quoted as its runes read).
func TestEvidenceQuotesReadAsRunes(t *testing.T) {
	arts := corpus(30)
	arts = append(arts, article("Qatar and Germany sign deal", "Qatar and Germany signed an energy agreement in Doha on Monday.\xff\n\nقطر وألمانيا توقعان اتفاقية للتعاون في مجال الطاقة \xfe.", nil))
	for _, a := range arts {
		runes := []rune(a.Text)
		f := x.Extract(a)
		if len(f.Evidence) == 0 {
			t.Errorf("no evidence in %q", a.Title)
		}
		for _, ev := range f.Evidence {
			if want := string(runes[ev.Start:ev.End]); ev.Quote != want {
				t.Errorf("quote %q at %d–%d, want %q", ev.Quote, ev.Start, ev.End, want)
			}
		}
	}
}
