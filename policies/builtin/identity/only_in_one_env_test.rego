package parity.rules.identity.only_in_one_env_test

import data.parity.lib
import data.parity.rules.identity.only_in_one_env

one(admin, keys, reaches, linked) := {
	"resource": "iam_user/global/breakglass", "kind": "iam_user", "side": "staging",
	"arn": "arn:aws:iam::111111111111:user/breakglass", "account": {"env": "staging", "account_id": "111111111111"},
	"grade": "admin", "admin_equivalent": admin, "permissions": ["*: * on *"], "policies": ["all"],
	"active_access_keys": keys, "reaches_other_env": reaches, "service_linked": linked,
}

sev(o) := f.severity if {
	some f in only_in_one_env.finding with input as object.union(lib.input_of([], []), {"paths": {"one_sided": [o]}})
}

test_admin_with_active_key_is_high if sev(one(true, ["…WXYZ"], false, false)) == "high"

test_reaching_the_other_environment_is_critical if sev(one(true, ["…WXYZ"], true, false)) == "critical"

test_admin_without_key_is_medium if sev(one(true, [], false, false)) == "medium"

test_service_linked_is_low if sev(one(false, [], false, true)) == "low"

test_evidence_names_permissions_and_keys if {
	some f in only_in_one_env.finding with input as object.union(lib.input_of([], []), {"paths": {"one_sided": [one(true, ["…WXYZ"], false, false)]}})
	f.staging.permissions == ["*: * on *"]
	f.staging.active_access_keys == ["…WXYZ"]
	contains(f.message, "arn:aws:iam::111111111111:user/breakglass")
}
