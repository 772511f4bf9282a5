package graph

import "testing"

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"قيس بن محمد اليوسف", "Qais bin Mohammed Al Yousef", true},
		{"قيس بن محمد اليوسف", "Qais Al Yousef", true},
		{"محمد بن عبدالرحمن آل ثاني", "Mohammed bin Abdulrahman Al Thani", true},
		{"عبدالله علي العبدالله", "Abdullah Ali Al-Abdullah", true},
		{"خالد الغامدي", "Khalid Al Ghamdi", true},
		{"شريف إسماعيل", "Sherif Ismail", true},
		{"جمال عبد الناصر", "Gamal Abdel Nasser", true},
		{"فيصل بن فرحان", "Faisal bin Farhan", true},
		{"Yoji Muto", "يوجي موتو", true},
		{"Luis Planas", "لويس بلاناس", true},
		{"Fumio Iwai", "فوميو إيواي", true},
		{"Ahmed El Bouari", "أحمد البواري", true},
		{"HE Sultan bin Saad Al Muraikhi", "سعادة السيد سلطان بن سعد المريخي", true},
		{"H.E. Dr. Ahmed Al Sayed", "Ahmed Al Sayed", true},
		// Different persons, or too little to tell.
		{"خالد الغامدي", "Khalid Al Harbi", false},
		{"قيس اليوسف", "Salim Al Yousef", false},
		{"محمد", "Mohammed", false},
		{"Ahmed Attaf", "Ahmed Aboul Gheit", false},
	}
	for _, tt := range tests {
		if got := SameName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v (skeletons %v, %v)", tt.a, tt.b, got, tt.want, NameSkeleton(tt.a), NameSkeleton(tt.b))
		}
	}
}
