package adobe

import (
	"net/http"
	"strings"
)

// serveProfile is IMS's GET /ims/profile/v1 for a token of a technical
// account: its email and the product profiles its project was given, as
// projectedProductContext entries. Campaign checks a bearer token with this
// call and maps the profiles through the association mask (CAMPAIGN_API.md).
// The shape for a technical account is a guess (no public sample,
// ADOBE_API.md): the email as email and userId, each profile's name as
// prodCtx.label, with the serviceCode of Campaign.
func (e *Emulator) serveProfile(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	grant, ok := e.issuer.Check(strings.TrimSpace(token))
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token", "error_description": "The access token is invalid"})
		return
	}
	email := TechnicalAccountEmail(grant.ClientID)
	var profiles []string
	if ta, ok := e.technicalAccount(grant.ClientID); ok {
		profiles = ta.Profiles
	}
	contexts := []map[string]any{}
	for _, p := range profiles {
		contexts = append(contexts, map[string]any{"prodCtx": map[string]string{
			"serviceCode": "dma_campaign_classic", "label": p, "owningEntity": e.cfg.OrgID,
		}})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"account_type": "technicalAccount", "userId": email, "email": email, "authId": email,
		"projectedProductContext": contexts,
	})
}
