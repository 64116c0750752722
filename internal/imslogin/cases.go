package imslogin

// acme is an instance with the conventional mask, two groups and a named
// right that no group is named after.
var acme = Instance{
	Mask: "Campaign - acme - (.*)",
	Groups: []Group{
		{Name: "admin", NamedRights: []string{"admin"}},
		{Name: "reviewers", NamedRights: []string{"report", "startDelivery"}},
		{Name: "marketers", NamedRights: []string{"createProject", "report"}},
	},
	NamedRights: []string{"admin", "createProject", "report", "startDelivery", "exportFile"},
}

// Cases are the logins every implementation of the mapping is held to: the
// package's own test, the emulator's simulated login over HTTP, and the
// provider's campaign_ims_login through Terraform (the issue's "every case
// of the simulated login").
func Cases() []Case {
	return []Case{
		{"admitted, two groups and their rights", acme, []string{"Campaign - acme - reviewers", "Campaign - acme - marketers", "Analytics - acme - x"},
			true, []string{"marketers", "reviewers"}, []string{"createProject", "report", "startDelivery"}, false, nil},
		{"refused: no profile matches the mask", acme, []string{"Analytics - acme - admin", "Campaign - globex - reviewers"},
			false, nil, nil, false, []string{`"Analytics - acme - admin" does not match the mask`, `"Campaign - acme - admin" (group admin)`}},
		{"refused: the capture names no group", acme, []string{"Campaign - acme - auditors"},
			false, nil, nil, false, []string{`its capture "auditors" names no operator group`, "Create the operator group"}},
		{"refused: a case-only difference", acme, []string{"Campaign - acme - Reviewers"},
			false, nil, nil, false, []string{`the group "reviewers" differs only in case`}},
		{"refused: the capture names a named right", acme, []string{"Campaign - acme - exportFile"},
			false, nil, nil, false, []string{`names a named right, not an operator group`}},
		{"admitted with the admin profile: Control Panel", acme, []string{"Campaign - acme - admin"},
			true, []string{"admin"}, []string{"admin"}, true, nil},
		{"refused: no profile at all", acme, nil, false, nil, nil, false, []string{"holds no product profile"}},
		{"refused: no mask on the instance", Instance{Groups: acme.Groups}, []string{"Campaign - acme - admin"},
			false, nil, nil, false, []string{"no Adobe Experience Cloud account with an association mask"}},
	}
}

// Case is one login and its expected outcome.
type Case struct {
	Name                string
	Instance            Instance
	Profiles            []string
	Admitted            bool
	Groups, NamedRights []string
	ControlPanel        bool
	Reason              []string // phrases of the reason of a refusal
}
