package agent

import (
	"math"
	"runtime/metrics"
	"strconv"
	"time"
	"unicode/utf8"
)

// The JSON document is written by hand with strconv's Append functions: it keeps key order
// stable and a request well under its CPU budget (see BenchmarkHandler).

func appendMetrics(b []byte, samples []metrics.Sample) []byte {
	b = append(b, '{')
	for i, s := range samples {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s.Name)
		b = append(b, ':')
		switch s.Value.Kind() {
		case metrics.KindUint64:
			b = strconv.AppendUint(b, s.Value.Uint64(), 10)
		case metrics.KindFloat64:
			b = appendFloat(b, s.Value.Float64())
		case metrics.KindFloat64Histogram:
			b = appendHistogram(b, s.Value.Float64Histogram())
		default:
			b = append(b, "null"...)
		}
	}
	return append(b, '}')
}

// appendHistogram summarises a runtime/metrics histogram: total count and, for each
// quantile, the upper bound of the bucket that holds it (the lower bound for the last,
// unbounded bucket). Values are in the metric's unit (seconds).
func appendHistogram(b []byte, h *metrics.Float64Histogram) []byte {
	var total uint64
	for _, c := range h.Counts {
		total += c
	}
	b = append(b, `{"count":`...)
	b = strconv.AppendUint(b, total, 10)
	for _, q := range [...]struct {
		key string
		q   float64
	}{{`,"p50":`, 0.5}, {`,"p90":`, 0.9}, {`,"p99":`, 0.99}, {`,"max":`, 1}} {
		b = append(b, q.key...)
		b = appendFloat(b, quantile(h, total, q.q))
	}
	return append(b, '}')
}

func quantile(h *metrics.Float64Histogram, total uint64, q float64) float64 {
	if total == 0 {
		return math.NaN()
	}
	want := uint64(math.Ceil(q * float64(total)))
	var cum uint64
	for i, c := range h.Counts {
		cum += c
		if c > 0 && cum >= want {
			if hi := h.Buckets[i+1]; !math.IsInf(hi, 0) {
				return hi
			}
			return h.Buckets[i]
		}
	}
	return math.NaN()
}

// appendFloat writes a finite float, or null (JSON has no NaN or Inf).
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64)
}

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// appendUintOrNull writes n, or null when n is 0 (meaning "none" in the schema).
func appendUintOrNull(b []byte, n uint64) []byte {
	if n == 0 {
		return append(b, "null"...)
	}
	return strconv.AppendUint(b, n, 10)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendStringOrNull writes s, or null when it is empty.
func appendStringOrNull(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendString writes s as a JSON string (RFC 8259 escaping; invalid UTF-8 becomes U+FFFD).
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
			continue
		}
		i++
	}
	return append(b, '"')
}
