package edu.tjhsst.director.manager.token;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/**
 * The "API tokens" page: one's tokens with their scopes, expiry and last use; making one, whose secret the page shows
 * once and never again; revoking one. The page itself is the portal's, signed in with the password, never a token.
 */
@Controller
class ApiTokenController {

	static final String PATH = "/account/tokens";

	private static final String VIEW = "account/tokens";

	private final ApiTokens tokens;

	private final CurrentUser currentUser;

	ApiTokenController(ApiTokens tokens, CurrentUser currentUser) {
		this.tokens = tokens;
		this.currentUser = currentUser;
	}

	@GetMapping(PATH)
	String show(Principal principal, Model model) {
		return page(currentUser.of(principal), "", Set.of(Scope.SITES_READ), "90", model);
	}

	@PostMapping(PATH)
	String create(@RequestParam(name = "name", defaultValue = "") String name,
			@RequestParam(name = "scope", required = false) List<String> scopes,
			@RequestParam(name = "days", defaultValue = "") String days, Principal principal, Model model,
			RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		List<String> asked = scopes == null ? List.of() : scopes;
		try {
			ApiTokens.Issued issued = tokens.issue(user, name, asked, days);
			// Shown by the page the browser is sent to, once: a flash attribute lives for one request, so reloading
			// that page neither shows the token again nor makes another.
			redirect.addFlashAttribute("issued", issued.secret());
			redirect.addFlashAttribute("portalBase", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
			return "redirect:" + PATH;
		}
		catch (TokenRequestException ex) {
			model.addAttribute("fieldError", ex.field());
			model.addAttribute("tokenError", ex.getMessage());
			Set<Scope> chosen = EnumSet.noneOf(Scope.class);
			asked.forEach(scope -> Scope.parse(scope).ifPresent(chosen::add));
			return page(user, name.length() > 100 ? "" : name, chosen, days.length() > 3 ? "" : days, model);
		}
	}

	@PostMapping(PATH + "/{tokenId}/revoke")
	String revoke(@PathVariable long tokenId, Principal principal, RedirectAttributes redirect) {
		if (tokens.revoke(currentUser.of(principal), tokenId)) {
			redirect.addFlashAttribute("notice", "Revoked the token; calls made with it are refused from now on.");
		}
		else {
			redirect.addFlashAttribute("error", "That token is not one of yours that still works.");
		}
		return "redirect:" + PATH;
	}

	private String page(User user, String name, Set<Scope> chosen, String days, Model model) {
		model.addAttribute("tokens", tokens.of(user));
		model.addAttribute("now", Instant.now());
		model.addAttribute("scopes", Arrays.stream(Scope.values())
			.filter(scope -> user.isAdmin() || !scope.administratorsOnly()).toList());
		model.addAttribute("chosen", chosen);
		model.addAttribute("name", name);
		model.addAttribute("days", days);
		model.addAttribute("maxDays", ApiTokens.MAX_DAYS);
		return VIEW;
	}

}
