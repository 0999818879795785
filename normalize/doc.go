// Package normalize turns a snapshot into parity's canonical model and owns
// every rule about what "the same" means across environments: name tokens,
// account tokens, IAM document semantics, CIDR merging, key references.
// Nothing downstream re-normalizes; the differ and the policies compare
// canonical values as they are.
//
// # Canonical model
//
// An Environment holds Resources keyed by Key, "<kind>/<region>/<name>",
// where region is "global" for IAM and name is the canonical name: the
// environment's own name and aliases replaced by ${env}, its account id by
// ${self_account}, the other environment's account id by ${peer_account} and
// the other environment's name and aliases by ${peer_env}. Two resources with
// the same Key in staging and production are twins.
//
// Attrs hold only values that decide access and are compared; Info holds
// evidence (ARNs, ids, dates, original names) that is reported but never
// compared. Values are JSON-like: string, bool, int, []any, map[string]any.
// Every []any in Attrs is a set, sorted, without duplicates.
//
// A grant (an element of "trust", "permissions", "resource_policy",
// "policy") is one (effect, principal, action, resource, condition) tuple:
//
//	{"effect": "Allow"|"Deny", "principal": "AWS:arn:aws:iam::${self_account}:root"|"Service:…"|"Federated:…"|"*"|"",
//	 "not_principal": bool, "action": "s3:getobject", "not_action": bool,
//	 "resource": "arn:aws:s3:::app-${env}/*"|"*"|"", "not_resource": bool,
//	 "condition": {"stringequals": {"sts:externalid": ["x"]}}}
//
// Actions are lower case, condition operators and keys are lower case with
// their values as sorted string lists, an account id principal is its :root
// ARN, and a grant covered by a wider grant of the same statement shape is
// dropped, so statement order, Sid, scalar-vs-list and splitting or merging
// statements never change the set.
//
// A network rule (an element of "ingress"/"egress" of a security_group) is
//
//	{"protocol": "tcp"|"udp"|"icmp"|"icmpv6"|"all"|"<number>", "from_port": int, "to_port": int,
//	 "source": "10.0.0.0/16"|"::/0"|"sg:<canonical group name>"|"sg:${peer_account}/sg-…"|"pl:<id>"}
//
// with, per protocol, the port axis cut into maximal ranges of equal sources
// and CIDRs merged into the fewest prefixes, so one rule with two CIDRs equals
// two rules with one each and adjacent port ranges merge. For "all" the ports
// are 0–65535. A network ACL's "ingress"/"egress" is what it effectively
// admits under first-match evaluation by rule number, in the same tuple
// shape with "source" a CIDR: deny entries carve their addresses out of
// later allows, so renumbering, reordering without effect and splitting
// entries change nothing. A named protocol that admits exactly what the
// all-protocol entries admit on every port is dropped as implied; otherwise
// it is written out over its whole port range (a missing range admits
// nothing) and the all-protocol tuples take protocol "other" (every protocol
// not listed), so an "all" tuple always means every protocol.
//
// A key reference ("kms_key") is "aws-managed" for AWS managed and default
// keys, "alias/<canonical alias>" for a customer key with an alias, and
// "customer-managed" for a customer key parity cannot name.
//
// Attrs per kind:
//
//	iam_role:             trust, permissions, permissions_boundary, max_session_duration, path, tags
//	iam_user:             permissions (inline, attached and via groups), groups, permissions_boundary, path, tags
//	iam_group:            permissions, path
//	iam_policy:           permissions, aws_managed, path
//	iam_oidc_provider:    client_ids
//	iam_saml_provider:    (none)
//	iam_instance_profile: roles
//	secret:               rotation_enabled, rotation_days, kms_key, resource_policy, replicas
//	ssm_parameter:        type, kms_key, tier
//	kms_key:              rotation_enabled, key_manager, key_state, key_spec, policy, aliases,
//	                      grants ({grantee, operations: ["kms:decrypt", …]})
//	trail:                multi_region, log_file_validation, is_logging, include_global_events,
//	                      is_organization_trail, s3_bucket, cloudwatch_log_group, kms_key,
//	                      event_selectors, advanced_event_selectors
//	log_group:            retention_days (0 never expires), kms_key, subscription_filters ({destination, filter_pattern})
//	flow_log:             traffic_type, destination_type, destination, status
//	log_destination:      target, policy (the access policy)
//	s3_bucket:            policy (only owned buckets trails and flow logs write to)
//	vpc:                  cidrs, is_default, tags
//	security_group:       ingress, egress
//	network_acl:          ingress, egress, is_default
//
// Info always has "name" (as collected) and, where AWS has them, "arn" and
// "id"; iam_role adds created_at, last_used, attached_policies,
// inline_policies; iam_user adds access_keys (id_suffix, status, created_at,
// last_used), password_last_used, and for a federated trust "federation"
// (provider, issuer and subject conditions as collected); secret adds
// last_rotated, last_accessed; secret, ssm_parameter, log_group and trail
// add the collected "kms_key_id", trail its "s3_bucket", log_group its
// "subscription_destinations", flow_log its "destination", kms_key its
// "grants" as collected. Environment.OwnedBuckets holds the account's own
// bucket names and Environment.Canonical spells a raw string in the
// environment's tokens.
// Times are RFC 3339 strings.
package normalize
