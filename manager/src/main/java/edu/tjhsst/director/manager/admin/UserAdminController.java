package edu.tjhsst.director.manager.admin;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.manager.site.SiteAllowance;
import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/** Lists accounts with their sites and limit, creates new ones, and sets a user's own limit on sites. */
@Controller
class UserAdminController {

	private static final String VIEW_LIST = "admin/users";

	private static final String VIEW_CREATE = "admin/user-create";

	private final UserRepository users;

	private final AccountImport accounts;

	private final SiteAllowance allowance;

	UserAdminController(UserRepository users, AccountImport accounts, SiteAllowance allowance) {
		this.users = users;
		this.accounts = accounts;
		this.allowance = allowance;
	}

	@GetMapping("/admin/users")
	String list(Model model) {
		List<User> all = users.findAll();
		model.addAttribute("users", all);
		model.addAttribute("allowances", allowance.all(all));
		return VIEW_LIST;
	}

	/** Sets how many sites the user may have; blank goes back to the platform's default. */
	@PostMapping("/admin/users/{userId}/max-sites")
	String setMaxSites(@PathVariable long userId, @RequestParam(name = "maxSites", defaultValue = "") String maxSites,
			RedirectAttributes redirect) {
		Optional<User> user = users.findById(userId);
		if (user.isEmpty()) {
			redirect.addFlashAttribute("error", "There is no such user.");
			return "redirect:/admin/users";
		}
		String text = maxSites.strip();
		boolean valid = text.isEmpty() || text.matches("^[0-9]{1,5}$") && SiteLimitRule.allowed(Integer.valueOf(text));
		if (!valid) {
			redirect.addFlashAttribute("error", SiteLimitRule.RULE + ", or blank for the default.");
			return "redirect:/admin/users";
		}
		users.setMaxSites(userId, text.isEmpty() ? null : Integer.valueOf(text));
		redirect.addFlashAttribute("notice", text.isEmpty()
				? user.get().username() + " may have the default number of sites."
				: user.get().username() + " may have " + text + (text.equals("1") ? " site." : " sites."));
		return "redirect:/admin/users";
	}

	@GetMapping("/admin/users/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", CreateUserForm.empty());
		model.addAttribute("roles", Role.values());
		return VIEW_CREATE;
	}

	@PostMapping("/admin/users/new")
	String processCreationForm(@Valid @ModelAttribute("form") CreateUserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		// A taken name is said with the form's other problems, as the list's rows' are.
		if (!result.hasFieldErrors("username") && users.existsByUsername(form.username())) {
			result.rejectValue("username", "taken", "That user name is taken.");
		}
		if (!result.hasErrors()) {
			try {
				accounts.create(List.of(AccountImport.Row.of(form)), false, false);
			}
			catch (AccountsRefusedException ex) {
				// A race with another request is a taken name here, as the form says it.
				ex.problems().forEach((field, message) -> result.rejectValue(field, "refused", message));
				if (ex.isConflict()) {
					result.rejectValue("username", "taken", "That user name is taken.");
				}
			}
		}
		if (result.hasErrors()) {
			model.addAttribute("roles", Role.values());
			return VIEW_CREATE;
		}
		redirect.addFlashAttribute("notice", "Created the account " + form.username() + ".");
		return "redirect:/admin/users";
	}

}
