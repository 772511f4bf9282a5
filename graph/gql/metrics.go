package gql

import (
	"regexp"
	"strconv"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are what the server tells Prometheus (GET /metrics): requests
// by route and status, GraphQL latencies by operation, query costs, store
// calls and rows, imports, response cache hits, requests refused. A nil
// *Metrics records nothing.
type Metrics struct {
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	cost       prometheus.Histogram
	storeCalls *prometheus.CounterVec
	rows       prometheus.Counter
	imports    *prometheus.CounterVec
	cache      *prometheus.CounterVec
	refused    *prometheus.CounterVec
	inFlight   prometheus.Gauge

	mu  sync.Mutex
	ops map[string]bool // operation names given a label of their own
}

// maxOperationLabels bounds the operation names that get a label of their
// own: names come from clients, and each label costs memory for good.
const maxOperationLabels = 200

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// NewMetrics registers the server's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alaqat_http_requests_total", Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "alaqat_graphql_duration_seconds", Help: "Time to answer a GraphQL request, by operation name (anonymous, other beyond the first 200 names).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"operation"}),
		cost: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "alaqat_graphql_cost", Help: "Cost of the GraphQL operations run, as the cost model counts it.",
			Buckets: []float64{10, 100, 1000, 5000, 10000, 25000, 50000},
		}),
		storeCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alaqat_store_calls_total", Help: "Calls of the graph store by the API, by method.",
		}, []string{"method"}),
		rows: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "alaqat_store_rows_total", Help: "Rows (nodes, edges, evidence, articles) the store returned to the API.",
		}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alaqat_imports_total", Help: "Articles imported through the API (importArticle), by result.",
		}, []string{"result"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alaqat_response_cache_total", Help: "Response cache lookups, by result (hit, miss).",
		}, []string{"result"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "alaqat_requests_refused_total", Help: "GraphQL requests refused, by reason (busy, malformed, too_large, unauthorized, limit, budget, timeout).",
		}, []string{"reason"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "alaqat_graphql_in_flight", Help: "GraphQL requests being answered.",
		}),
		ops: map[string]bool{},
	}
	reg.MustRegister(m.requests, m.latency, m.cost, m.storeCalls, m.rows, m.imports, m.cache, m.refused, m.inFlight)
	return m
}

func (m *Metrics) request(route string, code int) {
	if m != nil {
		m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	}
}

// operation returns the label of an operation name: the name itself for
// the first maxOperationLabels well-formed names, else "other".
func (m *Metrics) operation(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.ops[name] {
		if len(m.ops) >= maxOperationLabels {
			return "other"
		}
		m.ops[name] = true
	}
	return name
}

func (m *Metrics) graphql(op string, seconds float64, cost int) {
	if m == nil {
		return
	}
	m.latency.WithLabelValues(m.operation(op)).Observe(seconds)
	if cost > 0 {
		m.cost.Observe(float64(cost))
	}
}

func (m *Metrics) storeCall(method string) {
	if m != nil {
		m.storeCalls.WithLabelValues(method).Inc()
	}
}

func (m *Metrics) storeRows(n int) {
	if m != nil && n > 0 {
		m.rows.Add(float64(n))
	}
}

func (m *Metrics) imported(ok bool) {
	if m != nil {
		m.imports.WithLabelValues(map[bool]string{true: "imported", false: "failed"}[ok]).Inc()
	}
}

func (m *Metrics) cacheLookup(hit bool) {
	if m != nil {
		m.cache.WithLabelValues(map[bool]string{true: "hit", false: "miss"}[hit]).Inc()
	}
}

func (m *Metrics) refusal(reason string) {
	if m != nil {
		m.refused.WithLabelValues(reason).Inc()
	}
}

func (m *Metrics) inflight(d float64) {
	if m != nil {
		m.inFlight.Add(d)
	}
}
