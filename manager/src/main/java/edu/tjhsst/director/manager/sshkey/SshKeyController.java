package edu.tjhsst.director.manager.sshkey;

import java.security.Principal;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.user.User;

/** The "SSH keys" page: one's public keys with their fingerprints, adding and removing one, and how to connect. */
@Controller
class SshKeyController {

	static final String PATH = "/account/ssh-keys";

	/** Host names shown in the instructions; anything else the request claims becomes {@code localhost}. */
	private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.-]{1,253}$|^\\[[0-9A-Fa-f:.]{2,45}\\]$");

	/** At most this many keys per person, so that a script cannot fill the table. */
	static final int MAX_KEYS = 50;

	private final SshKeyRepository keys;

	private final SiteRepository sites;

	private final CurrentUser currentUser;

	private final DirectorProperties.Shell shell;

	SshKeyController(SshKeyRepository keys, SiteRepository sites, CurrentUser currentUser,
			DirectorProperties properties) {
		this.keys = keys;
		this.sites = sites;
		this.currentUser = currentUser;
		this.shell = properties.shell();
	}

	@GetMapping(PATH)
	String show(Principal principal, HttpServletRequest request, Model model) {
		return page(currentUser.of(principal), "", request, model);
	}

	@PostMapping(PATH)
	String add(@RequestParam(name = "key", defaultValue = "") String line, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		SshPublicKey key;
		try {
			key = SshPublicKey.parse(line);
		}
		catch (SshKeyException ex) {
			model.addAttribute("keyError", ex.getMessage());
			return page(user, line, request, model);
		}
		if (keys.findByUser(user.id()).size() >= MAX_KEYS) {
			model.addAttribute("keyError", "You have " + MAX_KEYS + " keys already; remove one first.");
			return page(user, line, request, model);
		}
		if (!keys.add(user.id(), key)) {
			model.addAttribute("keyError", "You added this key already (" + key.fingerprint() + ").");
			return page(user, line, request, model);
		}
		redirect.addFlashAttribute("notice", "Added the key " + key.fingerprint() + ".");
		return "redirect:" + PATH;
	}

	@PostMapping(PATH + "/{keyId}/delete")
	String remove(@PathVariable long keyId, Principal principal, RedirectAttributes redirect) {
		User user = currentUser.of(principal);
		if (keys.remove(user.id(), keyId)) {
			redirect.addFlashAttribute("notice", "Removed the key; it no longer signs you in.");
		}
		else {
			redirect.addFlashAttribute("error", "That key is not one of yours any more.");
		}
		return "redirect:" + PATH;
	}

	private String page(User user, String pasted, HttpServletRequest request, Model model) {
		model.addAttribute("keys", keys.findByUser(user.id()));
		model.addAttribute("pasted", pasted.length() > SshPublicKey.MAX_LINE ? "" : pasted);
		model.addAttribute("username", user.username());
		model.addAttribute("exampleSite",
				sites.findByMember(user.id()).stream().findFirst().map(site -> site.name()).orElse("mysite"));
		model.addAttribute("shellHost", host(request));
		model.addAttribute("shellPort", shell.port());
		return "account/ssh-keys";
	}

	/** The configured host name, else the one the portal was reached by if it looks like one, else localhost. */
	private String host(HttpServletRequest request) {
		if (shell.host() != null && !shell.host().isBlank()) {
			return shell.host().strip();
		}
		String requested = request.getServerName();
		return requested != null && HOST.matcher(requested).matches() ? requested : "localhost";
	}

}
