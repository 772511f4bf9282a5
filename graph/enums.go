package graph

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kind is the kind of a node. Its value is the prefix of the node's id.
type Kind string

// The kinds of node.
const (
	KindCountry      Kind = "country"
	KindPerson       Kind = "person"
	KindOrganization Kind = "org"
	KindAgreement    Kind = "agreement"
	KindMeeting      Kind = "meeting"
	KindPlace        Kind = "place"
)

// Kinds lists every kind of node in a fixed order.
var Kinds = []Kind{KindCountry, KindPerson, KindOrganization, KindAgreement, KindMeeting, KindPlace}

var kindNames = map[Kind]string{
	KindCountry: "COUNTRY", KindPerson: "PERSON", KindOrganization: "ORGANIZATION",
	KindAgreement: "AGREEMENT", KindMeeting: "MEETING", KindPlace: "PLACE",
}

// KindOf returns the kind named by the prefix of an id ("org:rheinmetall").
func KindOf(id string) Kind {
	k, _, _ := strings.Cut(id, ":")
	return Kind(k)
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { _, ok := kindNames[k]; return ok }

// MarshalGQL writes the GraphQL enum value (EntityKind).
func (k Kind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(kindNames[k])) }

// UnmarshalGQL reads a GraphQL EntityKind.
func (k *Kind) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	for kind, name := range kindNames {
		if name == s {
			*k = kind
			return nil
		}
	}
	return fmt.Errorf("%q is not a valid EntityKind", v)
}

// OrgKind says what sort of organization a node is.
type OrgKind string

// The kinds of organization. Their values are those of the evaluation format.
const (
	OrgCompany       OrgKind = "company"
	OrgMinistry      OrgKind = "ministry"
	OrgArmedForce    OrgKind = "armed_force"
	OrgAgency        OrgKind = "agency"
	OrgInternational OrgKind = "international"
	OrgOther         OrgKind = "other"
)

// MarshalGQL writes the GraphQL enum value (OrganizationKind).
func (k OrgKind) MarshalGQL(w io.Writer) { writeEnum(w, string(k), string(OrgOther)) }

// UnmarshalGQL reads a GraphQL OrganizationKind.
func (k *OrgKind) UnmarshalGQL(v any) error {
	s, err := readEnum(v, "OrganizationKind", []string{"company", "ministry", "armed_force", "agency", "international", "other"})
	*k = OrgKind(s)
	return err
}

// AgreementKind says what sort of agreement a node is.
type AgreementKind string

// The kinds of agreement.
const (
	AgreementGeneral  AgreementKind = "agreement"
	AgreementMoU      AgreementKind = "mou"
	AgreementContract AgreementKind = "contract"
	AgreementOther    AgreementKind = "other"
)

// AgreementKinds lists every kind of agreement in a fixed order.
var AgreementKinds = []AgreementKind{AgreementGeneral, AgreementMoU, AgreementContract, AgreementOther}

// MarshalGQL writes the GraphQL enum value (AgreementKind).
func (k AgreementKind) MarshalGQL(w io.Writer) { writeEnum(w, string(k), string(AgreementGeneral)) }

// UnmarshalGQL reads a GraphQL AgreementKind.
func (k *AgreementKind) UnmarshalGQL(v any) error {
	s, err := readEnum(v, "AgreementKind", []string{"agreement", "mou", "contract", "other"})
	*k = AgreementKind(s)
	return err
}

// Lang is the language of a name or an article: "ar", "en" or "" (unknown).
type Lang string

// The languages Alaqat reads.
const (
	Arabic  Lang = "ar"
	English Lang = "en"
)

// MarshalGQL writes the GraphQL enum value (Lang).
func (l Lang) MarshalGQL(w io.Writer) { writeEnum(w, string(l), "en") }

// UnmarshalGQL reads a GraphQL Lang.
func (l *Lang) UnmarshalGQL(v any) error {
	s, err := readEnum(v, "Lang", []string{"ar", "en"})
	*l = Lang(s)
	return err
}

func writeEnum(w io.Writer, v, fallback string) {
	if v == "" {
		v = fallback
	}
	io.WriteString(w, strconv.Quote(strings.ToUpper(v)))
}

func readEnum(v any, typ string, values []string) (string, error) {
	s, _ := v.(string)
	for _, x := range values {
		if strings.ToUpper(x) == s {
			return x, nil
		}
	}
	return "", fmt.Errorf("%q is not a valid %s", v, typ)
}
