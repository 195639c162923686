package edu.tjhsst.director.manager.system;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page and the front page. */
@Controller
class LoginController {

	private final LoginThrottle throttle;

	LoginController(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String login(@RequestParam(name = "locked", required = false) String locked, Model model) {
		// Only digits reach the page, and never more minutes than a lockout lasts, whatever a link says.
		if (locked != null) {
			long minutes = locked.matches("^[1-9][0-9]{0,5}$") ? Long.parseLong(locked) : 1;
			model.addAttribute("locked", throttle.message(minutes));
		}
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/sites";
	}

}
