package policies

import (
	"context"
	"fmt"
	"testing"

	"github.com/parity-sec/parity/diff"
	"github.com/parity-sec/parity/normalize"
)

// syntheticPair builds n resources per environment, a quarter each of
// roles (trust and permission grants), security groups (ingress and egress
// tuples), secrets and log groups, with one resource in twenty drifted.
func syntheticPair(n int) (*normalize.Environment, *normalize.Environment) {
	st := env("staging", "111111111111")
	pr := env("production", "222222222222")
	for i := 0; i < n/4; i++ {
		drift := i%20 == 0
		for _, e := range []*normalize.Environment{st, pr} {
			prod := e == pr
			name := fmt.Sprintf("svc-%05d-${env}", i)

			perms := []any{
				grantOf("s3:getobject", fmt.Sprintf("arn:aws:s3:::bucket-%d-${env}/*", i)),
				grantOf("sqs:sendmessage", fmt.Sprintf("arn:aws:sqs:eu-west-1:${self_account}:q-%d", i)),
				grantOf("logs:putlogevents", "*"),
			}
			trust := []any{trustGrant("Service:ecs-tasks.amazonaws.com")}
			if drift && prod {
				perms = append(perms, grantOf("s3:*", "*"))
				trust = append(trust, trustGrant("AWS:arn:aws:iam::${peer_account}:root"))
			}
			add(e, &normalize.Resource{Key: "iam_role/global/" + name, Kind: normalize.KindRole, Area: "identity", Region: "global", Name: name,
				Attrs: map[string]any{"trust": trust, "permissions": perms, "permissions_boundary": "", "max_session_duration": 3600, "path": "/"},
				Info:  map[string]any{"name": name, "last_used": "2026-11-01T00:00:00Z"}})

			ingress := []any{ruleOf("tcp", 443, 443, "10.0.0.0/16"), ruleOf("tcp", 5432, 5432, "sg:app-${env}")}
			if drift && !prod {
				ingress = append(ingress, ruleOf("tcp", 22, 22, "0.0.0.0/0"))
			}
			add(e, &normalize.Resource{Key: "security_group/eu-west-1/vpc/" + name, Kind: normalize.KindSecurityGroup, Area: "network", Region: "eu-west-1", Name: "vpc/" + name,
				Attrs: map[string]any{"ingress": ingress, "egress": []any{ruleOf("all", 0, 65535, "0.0.0.0/0")}},
				Info:  map[string]any{"name": name}})

			add(e, &normalize.Resource{Key: "secret/eu-west-1/" + name, Kind: normalize.KindSecret, Area: "secrets", Region: "eu-west-1", Name: name,
				Attrs: map[string]any{"rotation_enabled": !drift || prod, "rotation_days": 30, "kms_key": "alias/app-${env}", "resource_policy": []any{}, "replicas": []any{}},
				Info:  map[string]any{"name": name}})

			retention := 365
			if drift && !prod {
				retention = 7
			}
			add(e, &normalize.Resource{Key: "log_group/eu-west-1//app/" + name, Kind: normalize.KindLogGroup, Area: "logging", Region: "eu-west-1", Name: "/app/" + name,
				Attrs: map[string]any{"retention_days": retention, "kms_key": "", "subscription_filters": []any{}},
				Info:  map[string]any{"name": name}})
		}
	}
	return st, pr
}

func add(e *normalize.Environment, r *normalize.Resource) { e.Resources[r.Key] = r }

func grantOf(action, resource string) map[string]any {
	return map[string]any{"effect": "Allow", "principal": "", "not_principal": false, "action": action, "not_action": false,
		"resource": resource, "not_resource": false, "condition": map[string]any{}}
}

func ruleOf(proto string, from, to int, source string) map[string]any {
	return map[string]any{"protocol": proto, "from_port": from, "to_port": to, "source": source}
}

func TestSyntheticPairFindings(t *testing.T) {
	st, pr := syntheticPair(400) // 100 of each kind, 5 drifted
	e, err := New(context.Background(), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.Evaluate(context.Background(), st, pr, diff.Compare(st, pr))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range fs {
		got[f.Rule]++
	}
	want := map[string]int{
		"identity.cross_env_trust": 5, "identity.wider_permissions": 5, "network.open_ingress": 5,
		"secrets.rotation": 5, "logging.retention": 5,
	}
	for r, n := range want {
		if got[r] != n {
			t.Errorf("%s: %d findings, want %d (all: %v)", r, got[r], n, got)
		}
	}
	if len(fs) != 25 {
		t.Errorf("%d findings, want 25: %v", len(fs), got)
	}
}

// BenchmarkEvaluate10k measures one run's policy evaluation (input
// conversion, every rule, result conversion) on 10k resources per side.
func BenchmarkEvaluate10k(b *testing.B) {
	st, pr := syntheticPair(10000)
	d := diff.Compare(st, pr)
	ctx := context.Background()
	e, err := New(ctx, Options{Now: testNow})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	// The machine is shared: CPU time of the process (all threads, GC
	// included) per run is reported beside wall time as the steadier figure.
	before := cpuTime()
	for b.Loop() {
		fs, err := e.Evaluate(ctx, st, pr, d)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 625 {
			b.Fatalf("%d findings, want 625", len(fs))
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
}
