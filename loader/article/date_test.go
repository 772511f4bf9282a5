package article

import "testing"

func TestURLDate(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"https://news.example/world/2019/06/27/talks-in-doha/", "2019-06-27"},
		{"https://example.org/2024-03-14-qatar-germany-sign", "2024-03-14"},
		{"https://example.org/politics/2021/12/bourita-london.html", "2021-12"},
		{"https://example.org/article/2019/02/30/x", "2019-02"},
		{"https://example.org/story?id=2019/06/27", ""},
		{"https://example.org/12345/2/3", ""},
		{"", ""},
	} {
		if got := urlDate(tc.url); got != tc.want {
			t.Errorf("urlDate(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

func TestBylineForms(t *testing.T) {
	// Forms a byline writes its date in, read by normDate for header lines.
	for _, tc := range []struct{ in, want string }{
		{"September 25, 2022", "2022-09-25"},
		{"14 كانون أول 2025", "2025-12-14"},
		{"11th, September 2025 GMT", "2025-09-11"},
	} {
		if got := normDate(tc.in); got != tc.want {
			t.Errorf("normDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
