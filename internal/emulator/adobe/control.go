package adobe

import (
	"encoding/json"
	"net/http"
)

// The emulator's own routes (not Adobe's): its counters, a person's work in
// the Admin Console, the faults of the tests, and what IMS tells Campaign
// about a user at an Adobe ID login.
func (e *Emulator) controlRoutes() {
	e.mux.HandleFunc("GET /emulator/stats", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, e.Stats()) })
	e.mux.HandleFunc("POST /emulator/reset", func(w http.ResponseWriter, _ *http.Request) {
		e.ResetStats()
		w.WriteHeader(http.StatusNoContent)
	})
	e.mux.HandleFunc("POST /emulator/product-profiles", e.serveCreateProfile)
	e.mux.HandleFunc("POST /emulator/faults", e.serveFaults)
	e.mux.HandleFunc("GET /emulator/user-profiles", e.serveUserProfiles)
}

// serveUserProfiles is GET /emulator/user-profiles?login=EMAIL: the product
// profiles a user holds, what IMS tells Campaign at an Adobe ID login.
func (e *Emulator) serveUserProfiles(w http.ResponseWriter, r *http.Request) {
	login := r.URL.Query().Get("login")
	writeJSON(w, http.StatusOK, map[string]any{"login": login, "profiles": e.UserProfiles(login)})
}

// serveCreateProfile: POST /emulator/product-profiles {"name": …, "members": […]}.
func (e *Emulator) serveCreateProfile(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name    string   `json:"name"`
		Product string   `json:"product"`
		Members []string `json:"members"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil || in.Name == "" {
		http.Error(w, `expected {"name": "…", "members": ["…"]}`, http.StatusBadRequest)
		return
	}
	e.PutProductProfile(ProductProfile{Name: in.Name, Product: in.Product, Members: in.Members})
	w.WriteHeader(http.StatusCreated)
}
