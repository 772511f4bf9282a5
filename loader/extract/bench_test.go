package extract_test

import (
	"os"
	"strings"
	"testing"

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
	var facts *graph.Facts
	for b.Loop() {
		facts = x.Extract(a)
	}
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
	nodes := 0
	for b.Loop() {
		nodes = 0
		for _, a := range arts {
			nodes += len(x.Extract(a).Nodes)
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
	if nodes == 0 {
		b.Fatal("nothing extracted")
	}
}
